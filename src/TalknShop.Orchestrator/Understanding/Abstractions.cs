using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding;

/// <summary>One message of the conversation as the understanding layer sees it.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
public sealed record ConversationMessage(string Role, string Content, DateTimeOffset At);

/// <summary>What the media steps learned from the attachments of the current message.</summary>
public sealed record MediaFindings
{
    /// <summary>Transcript of the attached audio, or null when there was none or it failed.</summary>
    public string? Transcript { get; init; }
    public ImageFindings? Image { get; init; }
    /// <summary>Human-readable notes about media that could not be processed.</summary>
    public List<string> Notes { get; init; } = [];
}

/// <param name="CurrentSpec">The spec so far in this conversation, or null for the first search.</param>
/// <param name="Conversation">Every message so far, oldest first, including <paramref name="LatestUserText"/> as the last user message.</param>
/// <param name="LatestUserText">The newest user text (may be empty when only media was sent).</param>
/// <param name="Media">Findings from this message's attachments, or null.</param>
/// <param name="AnsweringClarification">True when the latest text answers a pending clarifying question.</param>
public sealed record ExtractionRequest(
    RequirementSpec? CurrentSpec,
    IReadOnlyList<ConversationMessage> Conversation,
    string LatestUserText,
    MediaFindings? Media,
    bool AnsweringClarification)
{
    /// <summary>Where to tell the shopper how this step was done (a model fallback).</summary>
    public IUnderstandingNotices Notices { get; init; } = IUnderstandingNotices.None;
}

/// <param name="Spec">The updated spec.</param>
/// <param name="IsNewSearch">True when the message starts a new search (new product type) rather than refining the current one.</param>
public sealed record ExtractionResult(RequirementSpec Spec, bool IsNewSearch);

/// <summary>Turns what the shopper said (and showed) into a <see cref="RequirementSpec"/>.</summary>
public interface IRequirementExtractor
{
    Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken);
}

/// <param name="Spec">The spec after extraction.</param>
/// <param name="Conversation">Every message so far.</param>
/// <param name="QuestionsAskedThisSearch">Clarifying questions already asked for this search.</param>
/// <param name="MaxQuestions">The cap (<c>MAX_CLARIFICATION_LOOPS</c>); at the cap the answer must be "search".</param>
public sealed record ClarificationRequest(
    RequirementSpec Spec,
    IReadOnlyList<ConversationMessage> Conversation,
    int QuestionsAskedThisSearch,
    int MaxQuestions)
{
    /// <summary>Where to tell the shopper how this step was done (a model fallback).</summary>
    public IUnderstandingNotices Notices { get; init; } = IUnderstandingNotices.None;
}

/// <summary>A clarifying question. <see cref="Question"/> is never empty; suggestions are concrete.</summary>
public sealed record ClarifyingQuestion(string Question, IReadOnlyList<string> Suggestions, string Context)
{
    /// <summary>
    /// The spec each suggestion stands for, when the policy knows it (keyed by suggestion text). The
    /// flow checks each against the catalog before offering it, and a click applies it as is.
    /// </summary>
    public Dictionary<string, RequirementSpec>? Answers { get; init; }
}

/// <summary>Decides whether the spec is too vague to search, and if so, what to ask.</summary>
public interface IClarificationPolicy
{
    /// <summary>Returns null to search now, or the question to ask.</summary>
    Task<ClarifyingQuestion?> DecideAsync(ClarificationRequest request, CancellationToken cancellationToken);
}

/// <param name="Spec">The spec that was searched.</param>
/// <param name="Products">Ranked products (best first), <c>why_ranked</c> filled.</param>
/// <param name="TotalMatched">How many products matched in all.</param>
/// <param name="MarketplacesSearched">Marketplaces covered.</param>
/// <param name="FailedSources">Sources that failed (answer should mention partial results).</param>
/// <param name="Conversation">The conversation so far.</param>
public sealed record CompositionRequest(
    RequirementSpec Spec,
    IReadOnlyList<Product> Products,
    int TotalMatched,
    IReadOnlyList<string> MarketplacesSearched,
    IReadOnlyList<string> FailedSources,
    IReadOnlyList<ConversationMessage> Conversation)
{
    /// <summary>When the shopper compared: each side with its own best products (also in <see cref="Products"/>).</summary>
    public IReadOnlyList<ComparedSide> Sides { get; init; } = [];

    /// <summary>Where to tell the shopper how this step was done (a model fallback).</summary>
    public IUnderstandingNotices Notices { get; init; } = IUnderstandingNotices.None;
}

/// <summary>One side of a comparison as searched: its label ("Pixel 9"), its ranked products and match count.</summary>
public sealed record ComparedSide(string Label, IReadOnlyList<Product> Products, int TotalMatched);

/// <summary>Writes the answer for people, streamed in pieces as it is written.</summary>
public interface IAnswerComposer
{
    IAsyncEnumerable<string> ComposeAsync(CompositionRequest request, CancellationToken cancellationToken);
}
