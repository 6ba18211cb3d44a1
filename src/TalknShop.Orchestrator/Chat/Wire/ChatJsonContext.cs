using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Chat.Wire;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 32)]
[JsonSerializable(typeof(ServerFrame))]
[JsonSerializable(typeof(MediaItem))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
