using System.Text.Json;

namespace TalknShop.Orchestrator.Chat.Wire;

/// <summary>Serializes server frames once, to the UTF-8 bytes that are sent, stored and replayed.</summary>
internal static class EventFrames
{
    public static byte[] Serialize(ServerFrame frame) =>
        JsonSerializer.SerializeToUtf8Bytes(frame, ChatJsonContext.Default.ServerFrame);

    public static byte[] Create(string type, EventData data, DateTimeOffset now, string sessionId, long? seq = null, string? turnId = null) =>
        Serialize(new ServerFrame(type, data, now, sessionId, seq, turnId));

    public static byte[] Error(DateTimeOffset now, string sessionId, string code, string error, string? details = null, bool recoverable = true) =>
        Create(EventTypes.Error, new ErrorData(error, code, details, recoverable), now, sessionId);
}
