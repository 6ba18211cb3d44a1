using System.Globalization;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// <c>load idle|conversations|knee|model [options]</c>: the service and the echo baseline each in a
/// child process, measured in the same invocation, runs interleaved so drift hits both alike.
/// </summary>
internal static class LoadCommand
{
    /// <summary>How long a service runs at the measured load before the figures start (<c>--warmup</c> seconds).</summary>
    private static TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "conversations";
        var repeat = Option(args, "--repeat", 1);
        Warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 15));
        var store = OptionText(args, "--store", mode == "store-calls" ? "dynamodb" : "memory");
        var maxTurns = Option(args, "--max-turns", 64);
        var storeDelay = TimeSpan.FromMilliseconds(Option(args, "--store-delay-ms", 0));
        ServerProcess.ServiceDll = OptionText(args, "--service-dll", "") is { Length: > 0 } dll ? dll : null;
        ShopperTurns.Varied = OptionText(args, "--searches", "varied") switch
        {
            "varied" => true,
            "same" => false,
            var other => throw new ArgumentException($"--searches is varied or same, not {other}"),
        };
        Pinning.Apply(args);
        Console.WriteLine($"load {mode}: {System.Environment.ProcessorCount} cores, {OpenFileLimit()}, store={store}, searches {(ShopperTurns.Varied ? "varied" : "same")}, MAX_CONCURRENT_GRAPH_EXECUTIONS={maxTurns}" +
            (store == "dynamodb" ? $", {storeDelay.TotalMilliseconds} ms injected per DynamoDB call" : "") + (ServerProcess.ServiceDll is { } d ? $", service {d}" : ""));
        if (store == "dynamodb")
        {
            // Started after pinning, so dynalite (a child) and the proxy share the client's core.
            ServiceSettings.StoreProxy = await DynamoDbDelayProxy.StartAsync(storeDelay);
        }

        try
        {
            await RunModeAsync(args, mode, repeat, store, maxTurns, storeDelay);
        }
        finally
        {
            if (ServiceSettings.StoreProxy is { } proxy)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    private static async Task RunModeAsync(string[] args, string mode, int repeat, string store, int maxTurns, TimeSpan storeDelay)
    {
        if (mode == "conversations" && Array.IndexOf(args, "--cluster") >= 0)
        {
            // Through nginx in front of 1 and N instances on dynalite (ClusterLoad).
            await ClusterLoad.RunAsync(new ClusterLoad.Options(Option(args, "--cluster", 3), Option(args, "--shoppers", 200),
                TimeSpan.FromSeconds(Option(args, "--duration", 20)), TimeSpan.FromMilliseconds(Option(args, "--think", 1000)), Option(args, "--handovers", 100), maxTurns));
            return;
        }

        switch (mode)
        {
            case "idle":
                await IdleAsync(Option(args, "--connections", 2000), TimeSpan.FromSeconds(Option(args, "--idle-window", 60)), repeat, store, maxTurns);
                break;
            case "conversations":
                await ConversationsAsync(Option(args, "--shoppers", 200), Option(args, "--duration", 20), Option(args, "--think", 1000), repeat, store, maxTurns);
                break;
            case "knee":
                await KneeAsync(
                    Option(args, "--duration", 10), Option(args, "--think", 1000),
                    [.. OptionText(args, "--steps", "50,100,200,400,800,1200,1600,2400,3200").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
                    Option(args, "--past-knee", 1), store, maxTurns, OptionText(args, "--chart", Path.Combine("docs", "knee.svg")),
                    OptionText(args, "--before-dll", "") is { Length: > 0 } before ? before : null);
                break;
            case "model":
                await ModelLoad.RunAsync(new ModelLoad.Options(
                    new ModelPace(
                        TimeSpan.FromMilliseconds(Option(args, "--model-call-ms", 50)),
                        TimeSpan.FromMilliseconds(Option(args, "--model-ttft", 200)),
                        TimeSpan.FromMilliseconds(Option(args, "--model-token-ms", 20)),
                        Option(args, "--model-tokens", 30)),
                    Option(args, "--turns", 20), Option(args, "--shoppers", 50),
                    TimeSpan.FromSeconds(Option(args, "--duration", 20)), TimeSpan.FromMilliseconds(Option(args, "--think", 1000)),
                    repeat, store, maxTurns));
                break;
            case "store-calls":
                await StoreCalls.RunAsync(Option(args, "--turns", 20), storeDelay, store, maxTurns, OptionText(args, "--write-behind", "true") != "false");
                break;
            default:
                throw new ArgumentException($"unknown load mode '{mode}': idle, conversations, knee, model or store-calls");
        }
    }

    private static async Task IdleAsync(int connections, TimeSpan window, int repeat, string store, int maxTurns)
    {
        var service = new List<IdleLoad.Result>();
        var echo = new List<IdleLoad.Result>();
        for (var run = 1; run <= repeat; run++)
        {
            using (var settings = new ServiceSettings(store, maxTurns))
            await using (var server = await ServerProcess.StartServiceAsync(settings.Environment))
            {
                var r = await IdleLoad.RunAsync(server, connections, window, (i, ct) => ShopperTurns.ConnectAsync(server, i, ct));
                Report.Idle(run, r);
                service.Add(r);
            }

            await using (var server = await ServerProcess.StartEchoAsync())
            {
                var r = await IdleLoad.RunAsync(server, connections, window, (_, ct) => EchoTurns.ConnectAsync(server, ct));
                Report.Idle(run, r);
                echo.Add(r);
            }
        }

        Report.IdleSummary(connections, service, echo);
    }

    private static async Task ConversationsAsync(int shoppers, int seconds, int thinkMs, int repeat, string store, int maxTurns)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var think = TimeSpan.FromMilliseconds(thinkMs);
        var service = new List<LoadResult>();
        var echo = new List<LoadResult>();
        using var settings = new ServiceSettings(store, maxTurns);
        await using var shop = await ServerProcess.StartServiceAsync(settings.Environment);
        await using var echoServer = await ServerProcess.StartEchoAsync();
        // Warm-up outside the figures: JIT, catalog first touch, SQLite schema, thread pool growth.
        // At the measured load and for --warmup seconds (15 by default): the runtime's tiered
        // compilation kept recompiling hot methods for the first ~30 s, and a 20 s window right
        // after a 3 s burst counted that JIT work as the service's (3.5 against 2.4 ms per turn).
        await RunServiceAsync(shop, shoppers, Warmup, think);
        await RunServiceAsync(shop, Math.Min(shoppers, 50), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
        await RunEchoAsync(echoServer, Math.Min(shoppers, 50), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));

        for (var run = 1; run <= repeat; run++)
        {
            ServiceSettings.StoreProxy?.TakeCounts();
            var cpu = shop.CpuTime();
            var allocated = await shop.AllocatedBytesAsync();
            var s = await RunServiceAsync(shop, shoppers, duration, think);
            Report.Conversations(run, "service", s);
            Report.CpuPerTurn(shop.CpuTime() - cpu, s);
            Report.AllocatedPerTurn(await shop.AllocatedBytesAsync() - allocated, s);
            Report.StoreCalls(ServiceSettings.StoreProxy?.TakeCounts(), s.Turns);
            service.Add(s);
            var e = await RunEchoAsync(echoServer, shoppers, duration, think);
            Report.Conversations(run, "echo", e);
            echo.Add(e);
        }

        Report.ConversationSummary(service, echo);
    }

    /// <summary>
    /// Steps the shopper count up until p99 turn latency crosses 50 ms (or a step fails); the echo
    /// baseline runs the same step right after, and both go into the chart.
    /// </summary>
    private static async Task KneeAsync(int seconds, int thinkMs, int[] steps, int pastKnee, string store, int maxTurns, string chart, string? beforeDll)
    {
        using var settings = new ServiceSettings(store, maxTurns);
        await using var shop = await ServerProcess.StartServiceAsync(settings.Environment);
        await using var echoServer = await ServerProcess.StartEchoAsync();
        // `--before-dll`: an earlier build runs each step too, right after this one, for the chart.
        using var beforeSettings = new ServiceSettings(store, maxTurns);
        await using var old = beforeDll is null ? null : await ServerProcess.StartServiceAsync(beforeSettings.Environment, beforeDll);
        // Warm-up at the first step's size and think time (then the short burst as before): with
        // varied searches a 3 s burst of 50 shoppers left the first step cold, and the 50 ms rule
        // stopped there (p99 185 ms at 200 shoppers, 91 ms at the next step of 400).
        var warm = Math.Max(50, steps.Length > 0 ? steps[0] : 50);
        foreach (var server in old is null ? [shop] : new[] { shop, old })
        {
            await RunServiceAsync(server, warm, Warmup, TimeSpan.FromMilliseconds(thinkMs));
            await RunServiceAsync(server, 50, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
        }

        await RunEchoAsync(echoServer, 50, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
        var service = new List<KneeChart.Point>();
        var echo = new List<KneeChart.Point>();
        var before = new List<KneeChart.Point>();
        var knee = "not reached within the steps tried";
        var stepsLeft = int.MaxValue;
        foreach (var shoppers in steps)
        {
            if (stepsLeft-- == 0)
            {
                break;
            }

            var duration = TimeSpan.FromSeconds(seconds);
            var think = TimeSpan.FromMilliseconds(thinkMs);
            var s = await RunServiceAsync(shop, shoppers, duration, think);
            Report.Conversations(shoppers, "knee", s);
            if (old is not null)
            {
                var b = await RunServiceAsync(old, shoppers, duration, think);
                Report.Conversations(shoppers, "before", b);
                before.Add(new(b.OfferedPerSecond, b.Latency.Percentile(99)));
            }

            var e = await RunEchoAsync(echoServer, shoppers, duration, think);
            Report.Conversations(shoppers, "echo", e);
            service.Add(new(s.OfferedPerSecond, s.Latency.Percentile(99)));
            echo.Add(new(e.OfferedPerSecond, e.Latency.Percentile(99)));
            if ((s.Latency.Percentile(99) > 50 || s.Errors > 0) && stepsLeft > pastKnee)
            {
                // A step or two past the crossing shows the chart where the curve goes.
                stepsLeft = pastKnee;
                knee = $"p99 crossed 50 ms (or errors) at {shoppers} shoppers, offered {Report.Rate(s.OfferedPerSecond)}, achieved {Report.Rate(s.AchievedPerSecond)} turns/s; " +
                    $"echo at that step: p99 {LatencyRecorder.Ms(e.Latency.Percentile(99))} ms";
            }
        }

        Console.WriteLine($"knee: {knee}");
        KneeChart.Write(chart, $"{System.Environment.ProcessorCount} cores, {thinkMs} ms think, {seconds} s per step, store={store}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC" + (Pinning.ServiceCpu is null ? "" : ", pinned"), service, echo, before);
    }

    private static Task<LoadResult> RunServiceAsync(ServerProcess server, int clients, TimeSpan duration, TimeSpan think) =>
        ClosedLoop.RunAsync(clients, duration, think, (i, ct) => ShopperTurns.ConnectAsync(server, i, ct), ShopperTurns.TurnAsync);

    private static Task<LoadResult> RunEchoAsync(ServerProcess server, int clients, TimeSpan duration, TimeSpan think) =>
        ClosedLoop.RunAsync(clients, duration, think, (_, ct) => EchoTurns.ConnectAsync(server, ct), EchoTurns.TurnAsync);

    // Each client socket is a file descriptor here and one in the server: keep N below this.
    private static string OpenFileLimit() =>
        File.Exists("/proc/self/limits")
            ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?.Trim() ?? "open-file limit unknown"
            : "open-file limit unknown";

    private static int Option(string[] args, string name, int fallback) =>
        int.Parse(OptionText(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string OptionText(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
