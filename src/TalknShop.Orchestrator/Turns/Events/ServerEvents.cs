using System.Text.Json.Serialization;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Turns.Events;

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
/// The <c>data</c> of one server event. Each event type has exactly one record, and the record
/// names its type: a frame's <c>type</c> is read from its data, so the two cannot disagree.
/// </summary>
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
[JsonDerivedType(typeof(PongData))]
internal abstract record EventData([property: JsonIgnore] string Type);

internal sealed record ConnectedData(
    string SessionId,
    string Message,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset ServerTime,
    bool Resumed,
    string WorkflowStage,
    ClarificationData? PendingClarification,
    long LastSeq) : EventData(EventTypes.Connected);

/// <param name="ClientMessageId">The accepted message's <c>client_message_id</c>, when it had one.</param>
/// <param name="Restarted">True when an accepted turn starts over (the service stopped or its store failed): drop what that turn sent before.</param>
internal sealed record ThinkingData(
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientMessageId = null,
    bool Restarted = false) : EventData(EventTypes.Thinking);

internal sealed record ProgressData(string Step, string Stage, string Message) : EventData(EventTypes.Progress);

internal sealed record TokenData(string Content, bool IsComplete) : EventData(EventTypes.Token);

/// <summary>
/// A clarifying question as the client sees it: built from the flow's
/// <see cref="Understanding.ClarifyingQuestion"/> in one place only, <c>TurnEventSink.ToWire</c>.
/// </summary>
// Two records, not one wrapping the other as ResultsData does: the flow's question also carries
// Answers (the spec behind each suggestion, saved so a click applies it as is), which is internal
// state and not part of the protocol, so the wire needs a narrower shape; a wrapper would need a
// hand-written converter only to leave that field out, where three fields say it plainly.
internal sealed record ClarificationData(string Question, IReadOnlyList<string> Suggestions, string Context) : EventData(EventTypes.Clarification);

/// <summary>
/// The search's outcome as the flow keeps it (<see cref="Catalog.SearchResults"/>, also saved in the
/// session's state): one record from the product sources to the wire, its fields written as the event's data.
/// </summary>
[JsonConverter(typeof(ResultsDataConverter))]
internal sealed record ResultsData(SearchResults Results) : EventData(EventTypes.Results);

internal sealed record DoneData(string Message, string SessionId, string Status) : EventData(EventTypes.Done);

internal sealed record ErrorData(string Error, string Code, string? Details, bool Recoverable) : EventData(EventTypes.Error);

/// <summary>The server's heartbeat.</summary>
internal sealed record PingData([property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset Timestamp) : EventData(EventTypes.Ping);

/// <summary>The answer to a client's <c>ping</c>: the same shape as <see cref="PingData"/>.</summary>
internal sealed record PongData([property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset Timestamp) : EventData(EventTypes.Pong);
