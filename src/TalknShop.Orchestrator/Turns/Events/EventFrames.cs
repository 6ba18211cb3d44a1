using System.Text.Json;

namespace TalknShop.Orchestrator.Turns.Events;

/// <summary>
/// The one component that turns server events into frames: serialized once, to the UTF-8 bytes
/// that are sent, stored and replayed. Chat (connection-scoped events) and Turns (a turn's
/// events) both build their frames here.
/// </summary>
internal static class EventFrames
{
    public static byte[] Create(EventData data, DateTimeOffset now, string sessionId, long? seq = null, string? turnId = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new ServerFrame(data, now, sessionId, seq, turnId), ServerEventJsonContext.Default.ServerFrame);

    public static byte[] Error(DateTimeOffset now, string sessionId, string code, string error, string? details = null, bool recoverable = true) =>
        Create(new ErrorData(error, code, details, recoverable), now, sessionId);
}
