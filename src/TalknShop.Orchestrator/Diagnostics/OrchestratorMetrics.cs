using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// Application metrics. Instruments on a <see cref="Meter"/> feed OpenTelemetry (Prometheus at
/// <c>/metrics/prometheus</c>); the same numbers are kept here for the JSON <c>/metrics</c>,
/// which OpenTelemetry cannot answer (it exports, it does not query).
/// </summary>
internal sealed class OrchestratorMetrics : IDisposable
{
    public const string MeterName = TelemetryNames.Meter;
    private const int LatencySamples = 2048;

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _eventsSent;
    private readonly Counter<long> _connectionsClosed;
    private readonly Counter<long> _clientErrors;
    private readonly ConcurrentDictionary<string, long> _turnOutcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _closeReasons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DownstreamCounters> _downstream = new(StringComparer.Ordinal);
    private readonly Counter<long> _downstreamCalls;
    private readonly Counter<long> _llmCalls;
    private readonly Counter<long> _llmFallbacks;
    private readonly Counter<long> _llmTokens;
    private readonly ConcurrentDictionary<string, long> _llmCallOutcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _llmFallbacksByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Dependency, string Reason), long> _fallbacks = new();
    private readonly Counter<long> _fallbackCounter;
    private long _llmInputTokens;
    private long _llmOutputTokens;
    private readonly double[] _latencies = new double[LatencySamples];
    private long _latencyCount;
    private long _activeConnections;
    private long _turnsStarted;
    private long _eventsSentTotal;
    private long _connectionsOpened;

    public OrchestratorMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _turns = _meter.CreateCounter<long>("orchestrator.turns", description: "Turns ended, by outcome");
        _turnDuration = _meter.CreateHistogram<double>("orchestrator.turn.duration", "s", "Message received to terminal event");
        _eventsSent = _meter.CreateCounter<long>("orchestrator.events.sent", description: "Frames written to sockets");
        _connectionsClosed = _meter.CreateCounter<long>("orchestrator.connections.closed", description: "Sockets closed, by reason");
        _clientErrors = _meter.CreateCounter<long>("orchestrator.client.errors", description: "Client frames refused, by code");
        _downstreamCalls = _meter.CreateCounter<long>("orchestrator.downstream.calls", description: "Calls to the media and catalog services, by service and outcome");
        _llmCalls = _meter.CreateCounter<long>("orchestrator.llm.calls", description: "Language model calls, by operation and outcome");
        _llmFallbacks = _meter.CreateCounter<long>("orchestrator.llm.fallbacks", description: "Understanding steps answered by the offline implementation after a model failure, by operation");
        _fallbackCounter = _meter.CreateCounter<long>("orchestrator.fallbacks", description: "Work done without a dependency (model, media, catalog service) after it failed, by dependency and reason");
        _llmTokens = _meter.CreateCounter<long>("orchestrator.llm.tokens", description: "Tokens the model reported, by direction");
        _meter.CreateObservableUpDownCounter("orchestrator.connections.active", () => Interlocked.Read(ref _activeConnections), description: "Open sockets");
    }

    public long ActiveConnections => Interlocked.Read(ref _activeConnections);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _activeConnections);
        Interlocked.Increment(ref _connectionsOpened);
    }

    public void ConnectionClosed(string reason)
    {
        Interlocked.Decrement(ref _activeConnections);
        _closeReasons.AddOrUpdate(reason, 1, static (_, n) => n + 1);
        _connectionsClosed.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>A connection refused before it counted as open (limit, origin).</summary>
    public void ConnectionRefused(string reason) =>
        _closeReasons.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    public void EventSent()
    {
        Interlocked.Increment(ref _eventsSentTotal);
        _eventsSent.Add(1);
    }

    public void ClientError(string code)
    {
        _errorCodes.AddOrUpdate(code, 1, static (_, n) => n + 1);
        _clientErrors.Add(1, new KeyValuePair<string, object?>("code", code));
    }

    public void DownstreamCall(string service, bool ok)
    {
        var counters = _downstream.GetOrAdd(service, static _ => new DownstreamCounters());
        Interlocked.Increment(ref ok ? ref counters.Succeeded : ref counters.Failed);
        counters.LastOk = ok;
        _downstreamCalls.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));
    }

    /// <summary>One model call attempt ended; <paramref name="outcome"/> is ok, failed or timeout.</summary>
    public void LlmCall(string operation, string outcome)
    {
        _llmCallOutcomes.AddOrUpdate(outcome, 1, static (_, n) => n + 1);
        _llmCalls.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void LlmFallback(string operation)
    {
        _llmFallbacksByOperation.AddOrUpdate(operation, 1, static (_, n) => n + 1);
        _llmFallbacks.Add(1, new KeyValuePair<string, object?>("operation", operation));
    }

    /// <summary>
    /// A dependency failed and the turn went on without it (offline understanding, a note to the
    /// shopper, results from the other sources); <paramref name="reason"/> is a short code such as
    /// <c>timeout</c>, <c>http_400</c>, <c>job_failed</c>.
    /// </summary>
    public void Fallback(string dependency, string reason)
    {
        _fallbacks.AddOrUpdate((dependency, reason), 1, static (_, n) => n + 1);
        _fallbackCounter.Add(1, new KeyValuePair<string, object?>("dependency", dependency), new KeyValuePair<string, object?>("reason", reason));
    }

    public void LlmTokens(long input, long output)
    {
        Interlocked.Add(ref _llmInputTokens, input);
        Interlocked.Add(ref _llmOutputTokens, output);
        _llmTokens.Add(input, new KeyValuePair<string, object?>("direction", "input"));
        _llmTokens.Add(output, new KeyValuePair<string, object?>("direction", "output"));
    }

    public void TurnStarted() => Interlocked.Increment(ref _turnsStarted);

    public void TurnCompleted(TimeSpan elapsed, string outcome)
    {
        var index = Interlocked.Increment(ref _latencyCount) - 1;
        _latencies[index % LatencySamples] = elapsed.TotalMilliseconds;
        _turnDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome.ToLowerInvariant()));
        TurnEnded(outcome.ToLowerInvariant());
    }

    public void TurnEnded(string outcome)
    {
        _turnOutcomes.AddOrUpdate(outcome, 1, static (_, n) => n + 1);
        _turns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public MetricsSnapshot Snapshot()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _latencyCount), LatencySamples);
        var samples = _latencies.AsSpan(0, count).ToArray();
        Array.Sort(samples);
        return new MetricsSnapshot(
            ActiveConnections,
            Interlocked.Read(ref _connectionsOpened),
            Interlocked.Read(ref _turnsStarted),
            new SortedDictionary<string, long>(_turnOutcomes, StringComparer.Ordinal),
            new LatencySummary(count, Percentile(samples, 0.50), Percentile(samples, 0.95), Percentile(samples, 0.99)),
            Interlocked.Read(ref _eventsSentTotal),
            new SortedDictionary<string, long>(_closeReasons, StringComparer.Ordinal),
            new SortedDictionary<string, long>(_errorCodes, StringComparer.Ordinal),
            _downstream.ToDictionary(d => d.Key, d => new DownstreamSummary(Interlocked.Read(ref d.Value.Succeeded), Interlocked.Read(ref d.Value.Failed), d.Value.LastOk ? "ok" : "failing"), StringComparer.Ordinal),
            new LlmSummary(
                new SortedDictionary<string, long>(_llmCallOutcomes, StringComparer.Ordinal),
                new SortedDictionary<string, long>(_llmFallbacksByOperation, StringComparer.Ordinal),
                Interlocked.Read(ref _llmInputTokens),
                Interlocked.Read(ref _llmOutputTokens)),
            _fallbacks.GroupBy(f => f.Key.Dependency, StringComparer.Ordinal).ToDictionary(
                g => g.Key, g => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(g.ToDictionary(f => f.Key.Reason, f => f.Value, StringComparer.Ordinal), StringComparer.Ordinal), StringComparer.Ordinal),
            new GcSummary(GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalMemory(forceFullCollection: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)));
    }

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)], 3);

    public void Dispose() => _meter.Dispose();
}

internal sealed record MetricsSnapshot(
    long ActiveConnections,
    long ConnectionsOpened,
    long TurnsStarted,
    IReadOnlyDictionary<string, long> TurnsEnded,
    LatencySummary TurnLatencyMs,
    long EventsSent,
    IReadOnlyDictionary<string, long> ConnectionsClosedByReason,
    IReadOnlyDictionary<string, long> ClientErrorsByCode,
    IReadOnlyDictionary<string, DownstreamSummary> Downstream,
    LlmSummary Llm,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Fallbacks,
    GcSummary Gc);

/// <param name="Calls">Model call attempts by outcome (ok, failed, timeout).</param>
/// <param name="Fallbacks">Steps answered offline after a model failure, by operation.</param>
internal sealed record LlmSummary(IReadOnlyDictionary<string, long> Calls, IReadOnlyDictionary<string, long> Fallbacks, long InputTokens, long OutputTokens);

/// <param name="TotalAllocatedBytes">Bytes allocated since the process started: the load generator
/// reads it twice to check that idle connections allocate nothing.</param>
internal sealed record GcSummary(long TotalAllocatedBytes, long HeapBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections);

internal sealed record DownstreamSummary(long Succeeded, long Failed, string LastCall);

internal sealed class DownstreamCounters
{
    public long Succeeded;
    public long Failed;
    public volatile bool LastOk = true;
}

internal sealed record LatencySummary(int Samples, double? P50, double? P95, double? P99);
