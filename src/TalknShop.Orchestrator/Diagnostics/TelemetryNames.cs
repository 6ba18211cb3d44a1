namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// The names the service publishes telemetry under. They live here, not in the features that
/// emit them, because Diagnostics subscribes to all of them and depends on no feature.
/// </summary>
internal static class TelemetryNames
{
    /// <summary>The service name on exported telemetry (<c>service.name</c>; OTEL_SERVICE_NAME overrides it).</summary>
    public const string Service = "talknshop-orchestrator";

    /// <summary>The application's own meter (<see cref="OrchestratorMetrics"/>).</summary>
    public const string Meter = "TalknShop.Orchestrator";

    /// <summary>GenAI metrics of the model calls (Microsoft.Extensions.AI's OpenTelemetry client); its spans too when traces are exported.</summary>
    public const string Llm = "TalknShop.Orchestrator.Llm";
}
