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
/// The buyer flow's whole state, saved with the session. Versioned so a deploy can read what an
/// older one saved: bump <see cref="CurrentSchemaVersion"/> and migrate on load when the shape changes.
/// It names nodes, never edges, so changing the graph does not strand paused conversations.
/// </summary>
public sealed record FlowState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The node being run, or null between turns.</summary>
    public string? CurrentNode { get; init; }

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

/// <summary>A media attachment (an object in the media bucket).</summary>
public sealed record MediaAttachment(string MediaType, string S3Key, string? ContentType, long? SizeBytes);

/// <summary>The outcome of a completed search as sent in <c>results</c>.</summary>
public sealed record SearchResults(
    IReadOnlyList<Product> Products,
    int TotalCount,
    RequirementSpec RequirementSpec,
    string FinalResponse,
    IReadOnlyList<string> MarketplacesSearched,
    IReadOnlyList<string> FailedSources);
