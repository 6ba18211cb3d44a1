using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Turns.Events;

/// <summary>
/// The envelope of every server frame. <c>type</c> comes from <see cref="Data"/>; <c>seq</c> and
/// <c>turn_id</c> are omitted when null (<c>connected</c>, <c>ping</c>, <c>pong</c> and
/// connection-scoped errors carry no <c>seq</c>).
/// </summary>
internal sealed record ServerFrame(
    EventData Data,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset Timestamp,
    string SessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Seq = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TurnId = null)
{
    // First on the wire, as the protocol page shows it.
    [JsonPropertyOrder(-1)]
    public string Type => Data.Type;
}
