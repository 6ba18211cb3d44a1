using System.Diagnostics.Metrics;

namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// Application metrics: instruments on a <see cref="Meter"/> only, exported by OpenTelemetry
/// (Prometheus at <c>/metrics/prometheus</c>). The JSON <c>/metrics</c> is a <see cref="MetricsView"/>
/// that listens to these same instruments, so each number is recorded once.
/// </summary>
internal sealed class OrchestratorMetrics : IDisposable
{
    public const string MeterName = TelemetryNames.Meter;

    private readonly Meter _meter;
    private readonly MetricsView _view;
    private readonly Counter<long> _turnsStarted;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _eventsSent;
    private readonly Counter<long> _connectionsOpened;
    private readonly UpDownCounter<long> _connectionsActive;
    private readonly Counter<long> _connectionsClosed;
    private readonly Counter<long> _connectionsRefused;
    private readonly Counter<long> _clientErrors;
    private readonly Counter<long> _downstreamCalls;
    private readonly Counter<long> _llmCalls;
    private readonly Counter<long> _llmFallbacks;
    private readonly Counter<long> _llmTokens;
    private readonly Counter<long> _fallbacks;

    public OrchestratorMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _turnsStarted = _meter.CreateCounter<long>(MetricsView.TurnsStarted, description: "Turns started");
        _turns = _meter.CreateCounter<long>(MetricsView.Turns, description: "Turns ended, by outcome");
        _turnDuration = _meter.CreateHistogram<double>(MetricsView.TurnDuration, "s", "Message received to terminal event");
        _eventsSent = _meter.CreateCounter<long>(MetricsView.EventsSent, description: "Frames written to sockets");
        _connectionsOpened = _meter.CreateCounter<long>(MetricsView.ConnectionsOpened, description: "Sockets opened");
        _connectionsActive = _meter.CreateUpDownCounter<long>(MetricsView.ConnectionsActive, description: "Open sockets");
        _connectionsClosed = _meter.CreateCounter<long>(MetricsView.ConnectionsClosed, description: "Sockets closed, by reason");
        _connectionsRefused = _meter.CreateCounter<long>(MetricsView.ConnectionsRefused, description: "Connections refused before they opened (limit, origin), by reason");
        _clientErrors = _meter.CreateCounter<long>(MetricsView.ClientErrors, description: "Client frames refused, by code");
        _downstreamCalls = _meter.CreateCounter<long>(MetricsView.DownstreamCalls, description: "Calls to the media and catalog services, by service and outcome");
        _llmCalls = _meter.CreateCounter<long>(MetricsView.LlmCalls, description: "Language model calls, by operation and outcome");
        _llmFallbacks = _meter.CreateCounter<long>(MetricsView.LlmFallbacks, description: "Understanding steps answered by the offline implementation after a model failure, by operation");
        _fallbacks = _meter.CreateCounter<long>(MetricsView.Fallbacks, description: "Work done without a dependency (model, media, catalog service) after it failed, by dependency and reason");
        _llmTokens = _meter.CreateCounter<long>(MetricsView.LlmTokens, description: "Tokens the model reported, by direction");
        _view = new MetricsView(_meter);
    }

    public long ActiveConnections => _view.ActiveConnections;

    public void ConnectionOpened()
    {
        _connectionsOpened.Add(1);
        _connectionsActive.Add(1);
    }

    public void ConnectionClosed(string reason)
    {
        _connectionsActive.Add(-1);
        _connectionsClosed.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>A connection refused before it counted as open (limit, origin).</summary>
    public void ConnectionRefused(string reason) => _connectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void EventSent() => _eventsSent.Add(1);

    public void ClientError(string code) => _clientErrors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void DownstreamCall(string service, bool ok) =>
        _downstreamCalls.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));

    /// <summary>One model call attempt ended; <paramref name="outcome"/> is ok, failed or timeout.</summary>
    public void LlmCall(string operation, string outcome) =>
        _llmCalls.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));

    public void LlmFallback(string operation) => _llmFallbacks.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>
    /// A dependency failed and the turn went on without it (offline understanding, a note to the
    /// shopper, results from the other sources); <paramref name="reason"/> is a short code such as
    /// <c>timeout</c>, <c>http_400</c>, <c>job_failed</c>.
    /// </summary>
    public void Fallback(string dependency, string reason) =>
        _fallbacks.Add(1, new KeyValuePair<string, object?>("dependency", dependency), new KeyValuePair<string, object?>("reason", reason));

    public void LlmTokens(long input, long output)
    {
        _llmTokens.Add(input, new KeyValuePair<string, object?>("direction", "input"));
        _llmTokens.Add(output, new KeyValuePair<string, object?>("direction", "output"));
    }

    public void TurnStarted() => _turnsStarted.Add(1);

    public void TurnCompleted(TimeSpan elapsed, string outcome)
    {
        var normalized = outcome.ToLowerInvariant();
        _turnDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", normalized));
        TurnEnded(normalized);
    }

    public void TurnEnded(string outcome) => _turns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public MetricsSnapshot Snapshot() => _view.Snapshot();

    public void Dispose()
    {
        _view.Dispose();
        _meter.Dispose();
    }
}
