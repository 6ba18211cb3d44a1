using System.Text.Json.Serialization;
using TalknShop.Orchestrator.Downstream.CatalogService;
using TalknShop.Orchestrator.Downstream.Media;

namespace TalknShop.Orchestrator.Downstream;

/// <summary>The media and catalog services speak snake_case JSON (FastAPI with pydantic models).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TranscribeRequest))]
[JsonSerializable(typeof(TranscribeResponse))]
[JsonSerializable(typeof(ImageRequest))]
[JsonSerializable(typeof(ImageAnalysisResponse))]
[JsonSerializable(typeof(CatalogSearchRequest))]
[JsonSerializable(typeof(CatalogSearchResponse))]
[JsonSerializable(typeof(RemoteProduct))]
internal sealed partial class DownstreamJsonContext : JsonSerializerContext;
