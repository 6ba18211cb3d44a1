using System.Globalization;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>Console output: one line per run, then medians over runs and service/echo ratios.</summary>
internal static class Report
{
    public static void Idle(int run, IdleLoad.Result r)
    {
        Console.WriteLine($"run {run} {r.Server,-7} opened {r.Opened} in {r.OpenTime.TotalSeconds:0.0} s (failed {r.Failed}) rss {Mb(r.RssBefore)} -> {Mb(r.RssAfter)} MB = {Kb(r.BytesPerConnection)} KB/connection");
        foreach (var (kind, count) in r.Failures)
        {
            Console.WriteLine($"  failed x{count}: {kind}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run} {r.Server,-7} allocated over {r.Window.TotalSeconds:0} s: {Kb(r.AllocatedEmpty)} KB with no sockets, {Kb(r.AllocatedIdle)} KB with {r.Opened} idle = {r.AllocatedPerConnectionMinute:0.0} B/connection/min; {r.OpenAfterWindow} still open after it"));
    }

    public static void IdleSummary(int connections, List<IdleLoad.Result> service, List<IdleLoad.Result> echo)
    {
        var s = Median(service.Select(r => r.BytesPerConnection).ToList());
        var e = Median(echo.Select(r => r.BytesPerConnection).ToList());
        Console.WriteLine($"idle {connections} connections, median of {service.Count}: service {Kb(s)} KB/conn, echo {Kb(e)} KB/conn, ratio {Ratio(s, e)}");
        var sa = Median(service.Select(r => r.AllocatedPerConnectionMinute).ToList());
        var ea = Median(echo.Select(r => r.AllocatedPerConnectionMinute).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle allocation, median of {service.Count}: service {sa:0.0} B/conn/min, echo {ea:0.0} B/conn/min (pings and heartbeats are frames: see docs/benchmarks.md)"));
    }

    public static void Conversations(int run, string server, LoadResult r) =>
        Console.WriteLine(
            $"run {run} {server,-7} clients {r.Clients} offered {Rate(r.OfferedPerSecond)}/s achieved {Rate(r.AchievedPerSecond)}/s " +
            $"turn p50 {LatencyRecorder.Ms(r.Latency.Percentile(50))} p95 {LatencyRecorder.Ms(r.Latency.Percentile(95))} p99 {LatencyRecorder.Ms(r.Latency.Percentile(99))} ms " +
            $"first-event p50 {LatencyRecorder.Ms(r.FirstEvent.Percentile(50))} p99 {LatencyRecorder.Ms(r.FirstEvent.Percentile(99))} ms errors {r.Errors} results {r.Results}");

    public static void ConversationSummary(List<LoadResult> service, List<LoadResult> echo)
    {
        double M(List<LoadResult> runs, Func<LoadResult, double> f) => Median(runs.Select(f).ToList());
        var sP50 = M(service, r => r.Latency.Percentile(50));
        var sP99 = M(service, r => r.Latency.Percentile(99));
        var eP50 = M(echo, r => r.Latency.Percentile(50));
        var eP99 = M(echo, r => r.Latency.Percentile(99));
        var sRate = M(service, r => r.AchievedPerSecond);
        var eRate = M(echo, r => r.AchievedPerSecond);
        Console.WriteLine($"median of {service.Count}: service achieved {Rate(sRate)}/s p50 {LatencyRecorder.Ms(sP50)} p95 {LatencyRecorder.Ms(M(service, r => r.Latency.Percentile(95)))} p99 {LatencyRecorder.Ms(sP99)} ms " +
            $"first-event p50 {LatencyRecorder.Ms(M(service, r => r.FirstEvent.Percentile(50)))} p99 {LatencyRecorder.Ms(M(service, r => r.FirstEvent.Percentile(99)))} ms errors {service.Sum(r => r.Errors)}");
        Console.WriteLine($"median of {echo.Count}: echo    achieved {Rate(eRate)}/s p50 {LatencyRecorder.Ms(eP50)} p99 {LatencyRecorder.Ms(eP99)} ms errors {echo.Sum(r => r.Errors)}");
        Console.WriteLine($"ratios service/echo: achieved rate {Ratio(sRate, eRate)}, p50 {Ratio(sP50, eP50)}, p99 {Ratio(sP99, eP99)}");
    }

    /// <summary>The service's own CPU per turn: turns that ended inside the window, CPU over the whole run (an upper bound).</summary>
    public static void CpuPerTurn(TimeSpan cpu, LoadResult r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  service cpu {cpu.TotalSeconds:0.00} s for {r.Turns} turns = {(r.Turns == 0 ? double.NaN : cpu.TotalMilliseconds / r.Turns):0.00} ms per turn"));

    /// <summary>The service's managed allocations per turn, over the same span as <see cref="CpuPerTurn"/>.</summary>
    public static void AllocatedPerTurn(long? bytes, LoadResult r)
    {
        if (bytes is { } b && r.Turns > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  service allocated {b / 1048576.0:0.0} MB = {b / 1024.0 / r.Turns:0.0} KB per turn"));
        }
    }

    /// <summary>DynamoDB calls over a run (its proxy's count, including turns that ended after the window).</summary>
    public static void StoreCalls(Dictionary<string, int>? calls, int turns)
    {
        if (calls is null || turns == 0)
        {
            return;
        }

        var total = calls.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  store calls: {total} for {turns} turns = {(double)total / turns:0.0} per turn (clarification and search turns alike): {string.Join(", ", calls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}"));
    }

    public static string Rate(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double a, double b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
