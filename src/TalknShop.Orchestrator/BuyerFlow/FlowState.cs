using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>Workflow stages as clients see them (UPPERCASE on the wire).</summary>
public static class Stages
{
    public const string Initial = "INITIAL";
    public const string MediaProcessing = "MEDIA_PROCESSING";
    public const string RequirementBuilding = "REQUIREMENT_BUILDING";
    public const string Clarification = "CLARIFICATION";
    public const string Searching = "SEARCHING";
    public const string Ranking = "RANKING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
}

/// <summary>
/// The buyer flow's whole state, saved with the session. It names no node or edge (a paused flow
/// resumes from its pending question), so changing the graph does not strand paused conversations.
/// </summary>
public sealed record FlowState
{
    /// <summary>
    /// The shape every saved state has had so far. Changes have only added optional fields (an
    /// older state reads them as their defaults) or dropped ones (<c>current_node</c>, which was
    /// always saved null; unknown fields are ignored on load), so no migration exists. A change that
    /// an older state cannot be read as must bump this and add the migration where the stores
    /// load a record (<c>SessionJsonContext.Deserialize</c>).
    /// </summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Written with every saved state, so a future migration can tell the shapes apart.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string Stage { get; init; } = Stages.Initial;

    public RequirementSpec? Spec { get; init; }

    public List<ConversationMessage> Messages { get; init; } = [];

    /// <summary>Questions asked for the current search; reset when a new search starts.</summary>
    public int ClarificationCount { get; init; }

    /// <summary>The question waiting for an answer, or null.</summary>
    public ClarifyingQuestion? PendingQuestion { get; init; }

    /// <summary>What this turn's attachments told us.</summary>
    public MediaFindings? Media { get; init; }

    public SearchResults? LastResults { get; init; }

    /// <summary>What the search relaxed to find products, told before the answer; null when nothing was.</summary>
    public string? SearchNote { get; init; }

    /// <summary>When the shopper compared: each side, the spec it was searched with and the ids it found.</summary>
    public List<ComparisonSide> Comparison { get; init; } = [];

    /// <summary>The input of the turn being run, or null between turns.</summary>
    public TurnInput? Input { get; init; }
}

/// <summary>One side of a comparison as searched.</summary>
public sealed record ComparisonSide(string Label, RequirementSpec Spec, List<string> ProductIds, int TotalMatched);

/// <summary>One user message as the flow receives it.</summary>
public sealed record TurnInput(string Text, IReadOnlyList<MediaAttachment> Media, bool IsAnswer);

/// <summary>
/// A media attachment (an object in the media bucket), every field the client sent
/// (protocol: <c>{media_type, s3_key, content_type?, size_bytes?, uploaded_at?}</c>). The chat
/// parser builds it, the flow keeps it in its state; a state saved before <c>uploaded_at</c> was
/// kept reads it as null.
/// </summary>
public sealed record MediaAttachment(string MediaType, string S3Key, string? ContentType = null, long? SizeBytes = null, string? UploadedAt = null);
