using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// The JSON <c>/metrics</c>: totals of one meter's instruments, gathered by a
/// <see cref="MeterListener"/>. Written by hand because OpenTelemetry exports and does not answer
/// queries, and the JSON shape (totals by tag, latency percentiles of the last 2048 turns) is the
/// service's own. Listens to its own meter instance only: several hosts in one process each have one.
/// </summary>
internal sealed class MetricsView : IDisposable
{
    public const string TurnsStarted = "orchestrator.turns.started";
    public const string Turns = "orchestrator.turns";
    public const string TurnDuration = "orchestrator.turn.duration";
    public const string EventsSent = "orchestrator.events.sent";
    public const string ConnectionsOpened = "orchestrator.connections.opened";
    public const string ConnectionsActive = "orchestrator.connections.active";
    public const string ConnectionsClosed = "orchestrator.connections.closed";
    public const string ConnectionsRefused = "orchestrator.connections.refused";
    public const string ClientErrors = "orchestrator.client.errors";
    public const string DownstreamCalls = "orchestrator.downstream.calls";
    public const string LlmCalls = "orchestrator.llm.calls";
    public const string LlmFallbacks = "orchestrator.llm.fallbacks";
    public const string Fallbacks = "orchestrator.fallbacks";
    public const string LlmTokens = "orchestrator.llm.tokens";

    private const int LatencySamples = 2048;

    private delegate void Sink(MetricsView view, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    private static readonly Dictionary<string, Sink> Sinks = new(StringComparer.Ordinal)
    {
        [TurnsStarted] = static (v, n, _) => Interlocked.Add(ref v._turnsStarted, n),
        [Turns] = static (v, n, t) => Add(v._turnOutcomes, Tag(t, "outcome"), n),
        [EventsSent] = static (v, n, _) => Interlocked.Add(ref v._eventsSent, n),
        [ConnectionsOpened] = static (v, n, _) => Interlocked.Add(ref v._connectionsOpened, n),
        [ConnectionsActive] = static (v, n, _) => Interlocked.Add(ref v._activeConnections, n),
        // Closed and refused share one JSON map, as before: every way a connection attempt ended.
        [ConnectionsClosed] = static (v, n, t) => Add(v._closeReasons, Tag(t, "reason"), n),
        [ConnectionsRefused] = static (v, n, t) => Add(v._closeReasons, Tag(t, "reason"), n),
        [ClientErrors] = static (v, n, t) => Add(v._errorCodes, Tag(t, "code"), n),
        [DownstreamCalls] = static (v, n, t) => v.Downstream(Tag(t, "service"), Tag(t, "outcome") == "ok", n),
        [LlmCalls] = static (v, n, t) => Add(v._llmCallOutcomes, Tag(t, "outcome"), n),
        [LlmFallbacks] = static (v, n, t) => Add(v._llmFallbacks, Tag(t, "operation"), n),
        [Fallbacks] = static (v, n, t) => v._fallbacks.AddOrUpdate((Tag(t, "dependency"), Tag(t, "reason")), static (_, n) => n, static (_, total, n) => total + n, n),
        [LlmTokens] = static (v, n, t) => Interlocked.Add(ref Tag(t, "direction") == "input" ? ref v._llmInputTokens : ref v._llmOutputTokens, n),
    };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _turnOutcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _closeReasons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DownstreamCounters> _downstream = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _llmCallOutcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _llmFallbacks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Dependency, string Reason), long> _fallbacks = new();
    private readonly double[] _latencies = new double[LatencySamples];
    private long _latencyCount;
    private long _turnsStarted;
    private long _eventsSent;
    private long _connectionsOpened;
    private long _activeConnections;
    private long _llmInputTokens;
    private long _llmOutputTokens;

    public MetricsView(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter, meter))
            {
                return;
            }

            if (Sinks.TryGetValue(instrument.Name, out var sink))
            {
                listener.EnableMeasurementEvents(instrument, new Subscription(this, sink));
            }
            else if (instrument.Name == TurnDuration)
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        // The sink travels as the instrument's state: no lookup per measurement (EventSent is per frame).
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((Subscription)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, seconds, _, state) => ((MetricsView)state!).Latency(seconds));
        _listener.Start();
    }

    public long ActiveConnections => Interlocked.Read(ref _activeConnections);

    public MetricsSnapshot Snapshot()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _latencyCount), LatencySamples);
        var samples = _latencies.AsSpan(0, count).ToArray();
        Array.Sort(samples);
        return new MetricsSnapshot(
            ActiveConnections,
            Interlocked.Read(ref _connectionsOpened),
            Interlocked.Read(ref _turnsStarted),
            Sorted(_turnOutcomes),
            new LatencySummary(count, Percentile(samples, 0.50), Percentile(samples, 0.95), Percentile(samples, 0.99)),
            Interlocked.Read(ref _eventsSent),
            Sorted(_closeReasons),
            Sorted(_errorCodes),
            _downstream.ToDictionary(d => d.Key, d => new DownstreamSummary(Interlocked.Read(ref d.Value.Succeeded), Interlocked.Read(ref d.Value.Failed), d.Value.LastOk ? "ok" : "failing"), StringComparer.Ordinal),
            new LlmSummary(Sorted(_llmCallOutcomes), Sorted(_llmFallbacks), Interlocked.Read(ref _llmInputTokens), Interlocked.Read(ref _llmOutputTokens)),
            _fallbacks.GroupBy(f => f.Key.Dependency, StringComparer.Ordinal).ToDictionary(
                g => g.Key, g => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(g.ToDictionary(f => f.Key.Reason, f => f.Value, StringComparer.Ordinal), StringComparer.Ordinal), StringComparer.Ordinal),
            new GcSummary(GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalMemory(forceFullCollection: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)));
    }

    public void Dispose() => _listener.Dispose();

    private void Latency(double seconds)
    {
        var index = Interlocked.Increment(ref _latencyCount) - 1;
        _latencies[index % LatencySamples] = seconds * 1000;
    }

    private void Downstream(string service, bool ok, long n)
    {
        var counters = _downstream.GetOrAdd(service, static _ => new DownstreamCounters());
        Interlocked.Add(ref ok ? ref counters.Succeeded : ref counters.Failed, n);
        counters.LastOk = ok;
    }

    private static void Add(ConcurrentDictionary<string, long> totals, string key, long n) => totals.AddOrUpdate(key, static (_, n) => n, static (_, total, n) => total + n, n);

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? "";
            }
        }

        return "";
    }

    private static SortedDictionary<string, long> Sorted(ConcurrentDictionary<string, long> totals) => new(totals, StringComparer.Ordinal);

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)], 3);

    private sealed class Subscription(MetricsView view, Sink sink)
    {
        public void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => sink(view, value, tags);
    }

    private sealed class DownstreamCounters
    {
        public long Succeeded;
        public long Failed;
        public volatile bool LastOk = true;
    }
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

internal sealed record LatencySummary(int Samples, double? P50, double? P95, double? P99);
