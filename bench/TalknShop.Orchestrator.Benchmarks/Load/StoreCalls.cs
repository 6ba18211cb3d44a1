using System.Globalization;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// <c>load store-calls [--turns 20] [--store-delay-ms 5] [--write-behind false]</c>: one shopper, turns one after another
/// (the vague request, then the clarification's first suggestion), against the service on the DynamoDB store (dynalite behind
/// <see cref="DynamoDbDelayProxy"/>). Per kind of turn: the store calls it made, by operation, and
/// its latency with no delay and with the injected delay per call, in alternating rounds on the
/// same service process; the difference is what the store's round trips add to a turn in a region.
/// <c>--write-behind false</c> runs the service with <c>DYNAMODB_WRITE_BEHIND=false</c> (every append
/// awaited, a turn started by reading the record) instead of the default write-behind.
/// </summary>
internal static class StoreCalls
{
    public static async Task RunAsync(int turns, TimeSpan delay, string store, int maxTurns, bool writeBehind)
    {
        var proxy = ServiceSettings.StoreProxy ?? throw new InvalidOperationException("store-calls runs on --store dynamodb");
        using var settings = new ServiceSettings(store, maxTurns);
        var environment = new Dictionary<string, string>(settings.Environment) { ["DYNAMODB_WRITE_BEHIND"] = writeBehind ? "true" : "false" };
        Console.WriteLine($"store-calls: DYNAMODB_WRITE_BEHIND={environment["DYNAMODB_WRITE_BEHIND"]}");
        await using var server = await ServerProcess.StartServiceAsync(environment);
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var delays = delay > TimeSpan.Zero ? new[] { TimeSpan.Zero, delay } : [TimeSpan.Zero];
        var kinds = new[] { "clarification", "search" };
        var latency = delays.ToDictionary(d => d, _ => kinds.ToDictionary(k => k, _ => new LoadResult(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))));
        var calls = kinds.ToDictionary(k => k, _ => new List<Dictionary<string, int>>());

        // Warm-up: JIT, table creation, the SDK's connections.
        proxy.Delay = TimeSpan.Zero;
        await RoundAsync(server, 3, latency[TimeSpan.Zero], null, proxy, record: false, hardStop.Token);
        for (var round = 0; round < 2; round++)
        {
            foreach (var d in delays)
            {
                proxy.Delay = d;
                await RoundAsync(server, Math.Max(1, turns / 2), latency[d], round == 0 && d == TimeSpan.Zero ? calls : null, proxy, record: true, hardStop.Token);
            }
        }

        foreach (var kind in kinds)
        {
            var perTurn = calls[kind];
            var total = perTurn.Select(c => c.Values.Sum()).Order().ToList();
            var ops = perTurn.SelectMany(c => c.Keys).Distinct().Order()
                .Select(op => $"{op} {Median(perTurn.Select(c => c.GetValueOrDefault(op)).ToList())}");
            Console.WriteLine($"{kind,-13} store calls per turn: median {Median(total)} (min {total.FirstOrDefault()}, max {total.LastOrDefault()}, {total.Count} turns): {string.Join(", ", ops)}");
        }

        foreach (var kind in kinds)
        {
            var line = string.Join("; ", delays.Select(d =>
            {
                var r = latency[d][kind];
                return string.Create(CultureInfo.InvariantCulture,
                    $"{d.TotalMilliseconds:0} ms/call: turn p50 {LatencyRecorder.Ms(r.Latency.Percentile(50))} p99 {LatencyRecorder.Ms(r.Latency.Percentile(99))} first-event p50 {LatencyRecorder.Ms(r.FirstEvent.Percentile(50))} ms");
            }));
            Console.WriteLine($"{kind,-13} {line}");
            if (delays.Length == 2)
            {
                var added = latency[delays[1]][kind].Latency.Percentile(50) - latency[delays[0]][kind].Latency.Percentile(50);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind,-13} store adds {added:0.0} ms p50 per turn at {delays[1].TotalMilliseconds:0} ms per call"));
            }
        }
    }

    private static async Task RoundAsync(
        ServerProcess server, int pairs, Dictionary<string, LoadResult> latency, Dictionary<string, List<Dictionary<string, int>>>? calls,
        DynamoDbDelayProxy proxy, bool record, CancellationToken ct)
    {
        // A fresh session per round, so its log is young like most conversations'.
        using var socket = await ShopperTurns.ConnectAsync(server, 0, ct);
        for (var step = 0; step < pairs * 2; step++)
        {
            await Task.Delay(100, ct); // lets the previous turn's last writes land before counting
            proxy.TakeCounts();
            // The kind is what the turn did, not what was sent: after a search, "I want a laptop"
            // is searched again with the budget the session already has.
            var turn = new LoadResult(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            await ShopperTurns.TurnAsync(socket, 0, step, turn, ct);
            await Task.Delay(100, ct);
            var counts = proxy.TakeCounts();
            var kind = turn.Results > 0 ? "search" : "clarification";
            latency[kind].Latency.Add(turn.Latency.Percentile(50));
            latency[kind].FirstEvent.Add(turn.FirstEvent.Percentile(50));
            if (record)
            {
                calls?[kind].Add(counts);
            }
        }

        await socket.CloseAsync();
    }

    private static double Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
    }
}
