using System.Text.Json.Serialization;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Chat.Wire;

/// <summary>Server → client event type names, exactly as the protocol page spells them.</summary>
internal static class EventTypes
{
    public const string Connected = "connected";
    public const string Thinking = "thinking";
    public const string Progress = "progress";
    public const string Token = "token";
    public const string Clarification = "clarification";
    public const string Results = "results";
    public const string Done = "done";
    public const string Error = "error";
    public const string Ping = "ping";
    public const string Pong = "pong";
}

/// <summary>
/// The envelope of every server frame. <c>seq</c> and <c>turn_id</c> are omitted when null
/// (<c>connected</c>, <c>ping</c>, <c>pong</c> and connection-scoped errors carry no <c>seq</c>).
/// </summary>
internal sealed record ServerFrame(
    string Type,
    EventData Data,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset Timestamp,
    string SessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Seq = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TurnId = null);

// Derived types without discriminators: the envelope's own `type` is the discriminator on the
// wire, so `data` is written by its runtime type only (the server never reads these back; stored
// events are kept as the bytes that were sent).
[JsonDerivedType(typeof(ConnectedData))]
[JsonDerivedType(typeof(ThinkingData))]
[JsonDerivedType(typeof(ProgressData))]
[JsonDerivedType(typeof(TokenData))]
[JsonDerivedType(typeof(ClarificationData))]
[JsonDerivedType(typeof(ResultsData))]
[JsonDerivedType(typeof(DoneData))]
[JsonDerivedType(typeof(ErrorData))]
[JsonDerivedType(typeof(PingData))]
internal abstract record EventData;

internal sealed record ConnectedData(
    string SessionId,
    string Message,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset ServerTime,
    bool Resumed,
    string WorkflowStage,
    ClarificationData? PendingClarification,
    long LastSeq) : EventData;

/// <param name="ClientMessageId">The accepted message's <c>client_message_id</c>, when it had one.</param>
/// <param name="Restarted">True when an accepted turn starts over (the service stopped or its store failed): drop what that turn sent before.</param>
internal sealed record ThinkingData(
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientMessageId = null,
    bool Restarted = false) : EventData;

internal sealed record ProgressData(string Step, string Stage, string Message) : EventData;

internal sealed record TokenData(string Content, bool IsComplete) : EventData;

internal sealed record ClarificationData(string Question, IReadOnlyList<string> Suggestions, string Context) : EventData;

internal sealed record ResultsData(
    IReadOnlyList<Product> Products,
    int TotalCount,
    RequirementSpec RequirementSpec,
    string FinalResponse,
    IReadOnlyList<string> MarketplacesSearched,
    IReadOnlyList<string> FailedSources) : EventData;

internal sealed record DoneData(string Message, string SessionId, string Status) : EventData;

internal sealed record ErrorData(string Error, string Code, string? Details, bool Recoverable) : EventData;

internal sealed record PingData([property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset Timestamp) : EventData;
