using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Turns.Events;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 32)]
[JsonSerializable(typeof(ServerFrame))]
[JsonSerializable(typeof(Catalog.SearchResults))]
internal sealed partial class ServerEventJsonContext : JsonSerializerContext;
