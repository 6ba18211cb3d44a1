using System.Diagnostics;
using System.Globalization;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// Ties each client-observed turn to the fake model's calls for it and splits its latency into
/// the model's own time and what the service adds on top. Model time is the union of the calls'
/// [received, last byte] intervals, so calls that overlap are not counted twice.
/// </summary>
internal sealed class ModelOverhead
{
    public int Turns { get; private set; }

    /// <summary>Turns with no composition call of their own (a fallback answered, or the marker was lost).</summary>
    public int Unmatched { get; private set; }

    public LatencyRecorder Turn { get; } = new();

    public LatencyRecorder ModelBusy { get; } = new();

    public LatencyRecorder TurnAdded { get; } = new();

    /// <summary>Send to the first model call arriving: receive, session load, the flow up to extraction.</summary>
    public LatencyRecorder BeforeFirstCall { get; } = new();

    /// <summary>The last model byte to the client's <c>done</c>: relaying the tail, results, saving.</summary>
    public LatencyRecorder AfterLastCall { get; } = new();

    public LatencyRecorder ClientFirstToken { get; } = new();

    public LatencyRecorder ModelFirstToken { get; } = new();

    public LatencyRecorder ModelBeforeFirstToken { get; } = new();

    public LatencyRecorder FirstTokenAdded { get; } = new();

    public LatencyRecorder TokenRelay { get; } = new();

    public static ModelOverhead Of(IEnumerable<TurnTiming> turns, IEnumerable<ModelCall> calls)
    {
        var byTurn = calls.Where(c => c.Turn is not null).ToLookup(c => c.Turn!, StringComparer.Ordinal);
        var overhead = new ModelOverhead();
        foreach (var turn in turns)
        {
            overhead.Turns++;
            var own = byTurn[turn.Turn].Where(c => c.Received >= turn.Sent && c.Received <= turn.Done).ToList();
            var compose = own.FirstOrDefault(c => c.Step == "compose");
            if (compose is null || turn.FirstToken == 0)
            {
                overhead.Unmatched++;
                continue;
            }

            var turnMs = Ms(turn.Sent, turn.Done);
            var busy = Union(own.Select(c => (c.Received, c.LastByte)));
            var beforeToken = Union(own.Where(c => c.Received < compose.FirstByte).Select(c => (c.Received, Math.Min(c.LastByte, compose.FirstByte))));
            var clientTtft = Ms(turn.Sent, turn.FirstToken);
            overhead.Turn.Add(turnMs);
            overhead.ModelBusy.Add(busy);
            overhead.TurnAdded.Add(turnMs - busy);
            overhead.BeforeFirstCall.Add(Ms(turn.Sent, own.Min(c => c.Received)));
            overhead.AfterLastCall.Add(Ms(own.Max(c => c.LastByte), turn.Done));
            overhead.ClientFirstToken.Add(clientTtft);
            overhead.ModelFirstToken.Add(Ms(compose.Received, compose.FirstByte));
            overhead.ModelBeforeFirstToken.Add(beforeToken);
            overhead.FirstTokenAdded.Add(clientTtft - beforeToken);
            overhead.TokenRelay.Add(Ms(compose.FirstByte, turn.FirstToken));
        }

        return overhead;
    }

    public void Print(string label)
    {
        Console.WriteLine($"{label}: {Turns} turns, {Unmatched} without their own model stream (not in the figures)");
        Line("turn latency (send -> done)", Turn);
        Line("  model busy in the turn", ModelBusy);
        Line("  service adds (turn - model)", TurnAdded);
        Line("    of which before 1st call", BeforeFirstCall);
        Line("    of which after last call", AfterLastCall);
        Line("client time to first token", ClientFirstToken);
        Line("  model's own TTFT (compose)", ModelFirstToken);
        Line("  model time before 1st token", ModelBeforeFirstToken);
        Line("  service adds to TTFT", FirstTokenAdded);
        Line("  1st token relay model->client", TokenRelay);
    }

    private static void Line(string name, LatencyRecorder r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-34} mean {LatencyRecorder.Ms(r.Mean)} p50 {LatencyRecorder.Ms(r.Percentile(50))} p95 {LatencyRecorder.Ms(r.Percentile(95))} p99 {LatencyRecorder.Ms(r.Percentile(99))} ms"));

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Union(IEnumerable<(long Start, long End)> intervals)
    {
        double total = 0;
        long coveredTo = long.MinValue;
        foreach (var (start, end) in intervals.OrderBy(i => i.Start))
        {
            var from = Math.Max(start, coveredTo);
            if (end > from)
            {
                total += Ms(from, end);
                coveredTo = end;
            }
        }

        return total;
    }
}
