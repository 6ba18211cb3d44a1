using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>The stored form of a session record (snake_case JSON), shared by the durable stores.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 64)]
[JsonSerializable(typeof(SessionRecord))]
internal sealed partial class SessionJsonContext : JsonSerializerContext
{
    public static string Serialize(SessionRecord record) =>
        System.Text.Json.JsonSerializer.Serialize(record, Default.SessionRecord);

    public static byte[] SerializeToUtf8(SessionRecord record) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(record, Default.SessionRecord);

    public static SessionRecord Deserialize(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, Default.SessionRecord)
        ?? throw new InvalidDataException("A stored session record was null.");
}
