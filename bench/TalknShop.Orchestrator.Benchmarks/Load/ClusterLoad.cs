using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TalknShop.Orchestrator.Cluster;
using TalknShop.Orchestrator.Dynalite;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// <c>load conversations --cluster N</c>: the shoppers' closed loop through nginx in front of one
/// instance, then in front of N, each on its own dynalite (DynamoDB store), measured in the same
/// invocation so the 1-instance figure is the baseline. Then the handover time: a shopper's socket
/// closed, a new one opened through nginx (round robin: another instance), until its first replayed event.
/// </summary>
internal static class ClusterLoad
{
    public sealed record Options(int Instances, int Shoppers, TimeSpan Duration, TimeSpan Think, int Handovers, int MaxTurns);

    public static async Task RunAsync(Options options)
    {
        var sizes = options.Instances == 1 ? new[] { 1 } : [1, options.Instances];
        var rates = new Dictionary<int, LoadResult>();
        foreach (var size in sizes)
        {
            await using var cluster = await LocalCluster.StartAsync(size, options.MaxTurns);
            await ClosedLoop.RunAsync(Math.Min(options.Shoppers, 50), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100), cluster.ConnectAsync, ShopperTurns.TurnAsync);
            Console.WriteLine($"cluster of {size} behind nginx, store=dynamodb (one dynalite), {options.Shoppers} shoppers, think {options.Think.TotalMilliseconds} ms");
            var result = await ClosedLoop.RunAsync(options.Shoppers, options.Duration, options.Think, cluster.ConnectAsync, ShopperTurns.TurnAsync);
            Report.Conversations(size, $"cluster {size}", result);
            rates[size] = result;
            if (size == options.Instances && size > 1)
            {
                var handover = await HandoversAsync(cluster, options.Handovers);
                Console.WriteLine($"handover between turns through nginx ({size} instances, {handover.Count} sockets closed and reopened): socket closed → first replayed event " +
                    $"median {LatencyRecorder.Ms(handover.Percentile(50))} ms, p99 {LatencyRecorder.Ms(handover.Percentile(99))} ms");
                var (midTurn, reruns) = await MidTurnHandoversAsync(cluster, options.Handovers);
                Console.WriteLine($"handover mid-turn through nginx ({midTurn.Count} searches whose socket was closed after thinking; {reruns} re-run by the new owner, the rest ended before the move): " +
                    $"socket closed → first replayed or new event median {LatencyRecorder.Ms(midTurn.Percentile(50))} ms, p99 {LatencyRecorder.Ms(midTurn.Percentile(99))} ms; " +
                    $"load average {LoadAverage()}");
            }
        }

        if (rates.Count == 2)
        {
            var one = rates[1];
            var many = rates[options.Instances];
            Console.WriteLine($"load average {LoadAverage()}");
            Console.WriteLine($"cluster {options.Instances} vs 1: achieved {Report.Rate(many.AchievedPerSecond)}/s vs {Report.Rate(one.AchievedPerSecond)}/s, " +
                $"p99 {LatencyRecorder.Ms(many.Latency.Percentile(99))} vs {LatencyRecorder.Ms(one.Latency.Percentile(99))} ms ({System.Environment.ProcessorCount} cores shared by all processes)");
        }
    }

    /// <summary>One session each: a question asked and answered, the socket closed, a new one opened with last_seq=0, timed to its first replayed event.</summary>
    private static async Task<LatencyRecorder> HandoversAsync(LocalCluster cluster, int count)
    {
        var recorder = new LatencyRecorder();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30 + count));
        for (var i = 0; i < count; i++)
        {
            var user = $"handover-{i}-{Guid.NewGuid():N}";
            string sessionId;
            using (var first = await FrameSocket.ConnectAsync(cluster.ChatUri($"user_id={user}"), bound.Token))
            {
                using var connected = await first.ReceiveJsonAsync(bound.Token);
                sessionId = connected.RootElement.GetProperty("data").GetProperty("session_id").GetString()!;
                await first.SendTextAsync("""{"type":"message","message":"I want a laptop"}""", bound.Token);
                while (true)
                {
                    using var frame = await first.ReceiveJsonAsync(bound.Token);
                    if (frame.RootElement.GetProperty("type").GetString() is "clarification" or "done" or "error")
                    {
                        break;
                    }
                }

                await first.CloseAsync();
            }

            var closed = Stopwatch.GetTimestamp();
            using var second = await FrameSocket.ConnectAsync(cluster.ChatUri($"user_id={user}&session_id={sessionId}&last_seq=0"), bound.Token);
            while (true)
            {
                using var frame = await second.ReceiveJsonAsync(bound.Token);
                if (frame.RootElement.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && frame.RootElement.GetProperty("type").GetString() != "connected")
                {
                    recorder.Record(closed);
                    break;
                }
            }

            await second.CloseAsync();
        }

        return recorder;
    }

    /// <summary>
    /// One search each: the socket is closed as soon as the turn runs (its <c>thinking</c>), a new
    /// one opened through nginx with the last seq seen (round robin: another instance, which takes
    /// the session's lease), timed to its first event with a seq (the rest of the turn replayed, or
    /// the new owner's re-run), then read to the turn's end. Returns the times and how many turns were re-run.
    /// </summary>
    private static async Task<(LatencyRecorder Times, int Reruns)> MidTurnHandoversAsync(LocalCluster cluster, int count)
    {
        var recorder = new LatencyRecorder();
        var reruns = 0;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60 + (2 * count)));
        for (var i = 0; i < count; i++)
        {
            var user = $"midturn-{i}-{Guid.NewGuid():N}";
            string sessionId;
            long lastSeq;
            using (var first = await FrameSocket.ConnectAsync(cluster.ChatUri($"user_id={user}"), bound.Token))
            {
                using var connected = await first.ReceiveJsonAsync(bound.Token);
                sessionId = connected.RootElement.GetProperty("data").GetProperty("session_id").GetString()!;
                await first.SendTextAsync("""{"type":"message","message":"laptop under $900","client_message_id":"m1"}""", bound.Token);
                while (true)
                {
                    using var frame = await first.ReceiveJsonAsync(bound.Token);
                    if (frame.RootElement.GetProperty("type").GetString() == "thinking")
                    {
                        lastSeq = frame.RootElement.GetProperty("seq").GetInt64();
                        break;
                    }
                }

                await first.CloseAsync();
            }

            var closed = Stopwatch.GetTimestamp();
            using var second = await FrameSocket.ConnectAsync(cluster.ChatUri($"user_id={user}&session_id={sessionId}&last_seq={lastSeq}"), bound.Token);
            var timed = false;
            while (true)
            {
                using var frame = await second.ReceiveJsonAsync(bound.Token);
                var root = frame.RootElement;
                var type = root.GetProperty("type").GetString();
                var stored = root.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && type != "connected";
                if (!timed && stored)
                {
                    recorder.Record(closed);
                    timed = true;
                }

                if (type == "thinking" && root.GetProperty("data").GetProperty("restarted").GetBoolean())
                {
                    reruns++;
                }

                if (stored && type is "done" or "clarification" or "error")
                {
                    break;
                }
            }

            await second.CloseAsync();
        }

        return (recorder, reruns);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>dynalite, N service processes (each its own data directory) and nginx in front.</summary>
    private sealed class LocalCluster : IAsyncDisposable
    {
        private readonly DynaliteProcess _dynalite;
        private readonly List<ServerProcess> _servers = [];
        private readonly List<ServiceSettings> _settings = [];
        private NginxProcess? _nginx;

        private LocalCluster(DynaliteProcess dynalite) => _dynalite = dynalite;

        public Uri ChatUri(string query) => new($"ws://127.0.0.1:{_nginx!.Port}/ws/chat?{query}");

        public static async Task<LocalCluster> StartAsync(int size, int maxTurns)
        {
            var cluster = new LocalCluster(DynaliteProcess.Start());
            try
            {
                for (var i = 0; i < size; i++)
                {
                    var settings = new ServiceSettings("dynamodb", maxTurns);
                    cluster._settings.Add(settings);
                    var env = new Dictionary<string, string>(settings.Environment, StringComparer.Ordinal)
                    {
                        ["DYNAMODB_ENDPOINT"] = cluster._dynalite.Endpoint,
                        ["DYNAMODB_TABLE_NAME"] = "load",
                        ["DYNAMODB_CREATE_TABLE"] = "true",
                        ["AWS_ACCESS_KEY_ID"] = "local",
                        ["AWS_SECRET_ACCESS_KEY"] = "local",
                    };
                    cluster._servers.Add(await ServerProcess.StartServiceAsync(env));
                }

                cluster._nginx = NginxProcess.Start([.. cluster._servers.Select(s => s.Port)]);
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }

            return cluster;
        }

        public async Task<FrameSocket> ConnectAsync(int client, CancellationToken ct)
        {
            var socket = await FrameSocket.ConnectAsync(ChatUri("user_id=" + string.Create(CultureInfo.InvariantCulture, $"load-{client}-{Guid.NewGuid():N}")), ct);
            using var connected = await socket.ReceiveJsonAsync(ct);
            if (connected.RootElement.GetProperty("type").GetString() != "connected")
            {
                socket.Dispose();
                throw new InvalidOperationException("first frame was not connected");
            }

            return socket;
        }

        public async ValueTask DisposeAsync()
        {
            _nginx?.Dispose();
            foreach (var server in _servers)
            {
                await server.DisposeAsync();
            }

            _dynalite.Dispose();
            foreach (var settings in _settings)
            {
                settings.Dispose();
            }
        }
    }
}
