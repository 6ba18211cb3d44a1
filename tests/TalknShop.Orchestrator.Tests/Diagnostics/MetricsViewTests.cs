using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Tests.Diagnostics;

/// <summary>The JSON view of <c>/metrics</c> is read from the instruments themselves.</summary>
public sealed class MetricsViewTests : IDisposable
{
    private readonly ServiceProvider _first = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ServiceProvider _second = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void Snapshot_TotalsEveryInstrument_ByItsTags()
    {
        using var metrics = new OrchestratorMetrics(_first.GetRequiredService<IMeterFactory>());

        metrics.ConnectionOpened();
        metrics.ConnectionOpened();
        metrics.ConnectionClosed("client_closed");
        metrics.ConnectionRefused("too_many_connections");
        metrics.ConnectionRefused("client_closed");
        metrics.TurnStarted();
        metrics.TurnCompleted(TimeSpan.FromMilliseconds(250), "DONE");
        metrics.TurnEnded("error");
        metrics.EventSent();
        metrics.ClientError("invalid_json");
        metrics.DownstreamCall("catalog_service", ok: true);
        metrics.DownstreamCall("catalog_service", ok: false);
        metrics.LlmCall("extract", "timeout");
        metrics.LlmFallback("extract");
        metrics.Fallback("llm", "timeout");
        metrics.Fallback("llm", "timeout");
        metrics.LlmTokens(input: 120, output: 30);

        var snapshot = metrics.Snapshot();
        Assert.Equal(1, snapshot.ActiveConnections);
        Assert.Equal(1, metrics.ActiveConnections);
        Assert.Equal(2, snapshot.ConnectionsOpened);
        Assert.Equal(1, snapshot.TurnsStarted);
        Assert.Equal(new Dictionary<string, long> { ["done"] = 1, ["error"] = 1 }, snapshot.TurnsEnded);
        Assert.Equal(1, snapshot.TurnLatencyMs.Samples);
        Assert.Equal(250, snapshot.TurnLatencyMs.P50);
        Assert.Equal(1, snapshot.EventsSent);
        // Closed and refused attempts share one map, by reason.
        Assert.Equal(new Dictionary<string, long> { ["client_closed"] = 2, ["too_many_connections"] = 1 }, snapshot.ConnectionsClosedByReason);
        Assert.Equal(1, snapshot.ClientErrorsByCode["invalid_json"]);
        Assert.Equal(new DownstreamSummary(1, 1, "failing"), snapshot.Downstream["catalog_service"]);
        Assert.Equal(1, snapshot.Llm.Calls["timeout"]);
        Assert.Equal(1, snapshot.Llm.Fallbacks["extract"]);
        Assert.Equal((120, 30), (snapshot.Llm.InputTokens, snapshot.Llm.OutputTokens));
        Assert.Equal(2, snapshot.Fallbacks["llm"]["timeout"]);
    }

    [Fact]
    public void Snapshot_CountsItsOwnMeterOnly_WhenTwoHostsShareAProcess()
    {
        using var one = new OrchestratorMetrics(_first.GetRequiredService<IMeterFactory>());
        using var other = new OrchestratorMetrics(_second.GetRequiredService<IMeterFactory>());

        one.EventSent();
        one.ConnectionOpened();

        Assert.Equal(1, one.Snapshot().EventsSent);
        Assert.Equal(0, other.Snapshot().EventsSent);
        Assert.Equal(0, other.ActiveConnections);
    }
}
