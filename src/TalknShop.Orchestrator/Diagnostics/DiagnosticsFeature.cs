using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>Health, metrics (JSON and Prometheus) and OpenTelemetry wiring.</summary>
internal static class DiagnosticsFeature
{
    public static IHostApplicationBuilder AddDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrchestratorMetrics>();
        builder.Services.AddSingleton<DependencyStatus>();
        builder.Services.AddHealthChecks();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TelemetryNames.Service))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.Meter, TelemetryNames.Llm)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Traces only when there is somewhere to send them: the standard OTEL_EXPORTER_OTLP_ENDPOINT
        // (with OTEL_EXPORTER_OTLP_PROTOCOL and the other OTEL_* settings the exporter reads).
        // Without a collector no span is built: each request, model call and HTTP request used to
        // build one only to drop it, on the model path's critical path.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TelemetryNames.Llm)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Health endpoints answer GET and HEAD only (MapHealthChecks takes any method); others get 405.</summary>
    private static readonly HttpMethodMetadata ReadOnly = new(["GET", "HEAD"]);

    /// <summary>Health for anyone (load balancers); metrics on <paramref name="management"/>, the group behind the management policy.</summary>
    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder app, IEndpointRouteBuilder management)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteHealthAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithTags("Diagnostics").WithMetadata(ReadOnly);

        // Liveness: the process answers; dependencies are /health's business.
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false }).WithTags("Diagnostics").WithMetadata(ReadOnly);

        management.MapGet("/metrics", (OrchestratorMetrics metrics) => TypedResults.Ok(metrics.Snapshot()))
            .WithTags("Diagnostics").WithSummary("Application metrics as JSON.");
        management.MapPrometheusScrapingEndpoint("/metrics/prometheus");
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var service = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var body = new HealthResponse(
            Status(report.Status),
            time.GetUtcNow().UtcDateTime,
            ServiceOptions.Version,
            service.Environment.ToLowerInvariant(),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckView(Status(e.Value.Status), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1))));
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(body, context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    internal sealed record HealthResponse(string Status, DateTime Timestamp, string Version, string Environment, IReadOnlyDictionary<string, HealthCheckView> Checks);

    internal sealed record HealthCheckView(string Status, string? Description, double DurationMs);
}
