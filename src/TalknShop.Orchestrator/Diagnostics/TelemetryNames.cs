namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// The names the service publishes telemetry under. They live here, not in the features that
/// emit them, because Diagnostics subscribes to all of them and depends on no feature.
/// </summary>
internal static class TelemetryNames
{
    /// <summary>The application's own meter (<see cref="OrchestratorMetrics"/>).</summary>
    public const string Meter = "TalknShop.Orchestrator";

    /// <summary>GenAI metrics of the model calls (Microsoft.Extensions.AI's OpenTelemetry client; no spans are collected).</summary>
    public const string Llm = "TalknShop.Orchestrator.Llm";
}
