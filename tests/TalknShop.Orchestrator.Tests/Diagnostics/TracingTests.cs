using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Diagnostics;

/// <summary>Traces go to an OTLP collector when one is named, and are not built at all otherwise.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task NoCollectorNamed_NoTracerIsRunning()
    {
        await using var host = new OrchestratorHost();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task CollectorNamed_RequestSpansAreExportedOverOtlp()
    {
        await using var collector = await FakeHttpService.StartAsync();
        collector.Handler = (context, _) => { context.Response.StatusCode = 200; return Task.CompletedTask; };
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUri.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using var http = host.CreateHttpClient();

        (await http.GetAsync(new Uri("/health", UriKind.Relative))).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!collector.Requests.Any(r => r.Method == "POST" && r.Path == "/v1/traces" && r.Body.Contains("/health", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var export = Assert.Single(collector.Requests, r => r.Method == "POST" && r.Path == "/v1/traces" && r.Body.Contains("/health", StringComparison.Ordinal));
        Assert.Contains("talknshop-orchestrator", export.Body, StringComparison.Ordinal);
    }
}
