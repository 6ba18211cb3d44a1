using System.Collections.Concurrent;
using System.Diagnostics;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// Server memory per idle connection (VmRSS of the child before and after N sockets), and bytes
/// the server allocates while they sit idle: GC allocated bytes over a window with N sockets,
/// less the same window with none (the server's own background work), per socket per minute.
/// </summary>
internal static class IdleLoad
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public sealed record Result(
        string Server, int Opened, int Failed, IReadOnlyDictionary<string, int> Failures, TimeSpan OpenTime,
        long RssBefore, long RssAfter, TimeSpan Window, long AllocatedEmpty, long AllocatedIdle, int OpenAfterWindow)
    {
        public double BytesPerConnection => Opened == 0 ? double.NaN : (RssAfter - RssBefore) / (double)Opened;

        /// <summary>Allocated bytes per connection per minute attributable to the idle sockets.</summary>
        public double AllocatedPerConnectionMinute =>
            Opened == 0 ? double.NaN : (AllocatedIdle - AllocatedEmpty) / (double)Opened / Window.TotalMinutes;
    }

    public static async Task<Result> RunAsync(ServerProcess server, int connections, TimeSpan window, Func<int, CancellationToken, Task<FrameSocket>> connect)
    {
        // Paced at 32 handshakes at a time, ~19,000 sockets take a minute or two on 2 busy cores;
        // the stop leaves room for that plus both windows, and ends a wedged run instead of hanging.
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(3) + 2 * window + connections * TimeSpan.FromMilliseconds(20));
        // Warm-up: the first connections pay for JIT, pools and (for the service) the catalog;
        // without this the delta would charge one-off costs to the idle connections.
        var warm = await OpenAsync(Math.Min(100, connections), connect, hardStop.Token);
        await CloseAllAsync(warm.Sockets);
        // Long enough for the warm-up's closes (session hubs, registries) to finish allocating:
        // after 3 s the "no sockets" window still showed ~250 KB of it.
        await Task.Delay(TimeSpan.FromSeconds(10), hardStop.Token);
        var empty = await AllocatedOverAsync(server, window, hardStop.Token);
        var before = server.ResidentBytes();

        var started = Stopwatch.GetTimestamp();
        var (sockets, failures) = await OpenAsync(connections, connect, hardStop.Token);
        var openTime = Stopwatch.GetElapsedTime(started);
        // Each socket keeps a receive pending, as a real client does, so pings get their pongs.
        using var drainStop = new CancellationTokenSource();
        var drains = sockets.Select(s => s.DrainAsync(drainStop.Token)).ToList();
        // Let the server finish per-connection setup (registries, send loops) before reading.
        await Task.Delay(TimeSpan.FromSeconds(5), hardStop.Token);
        var after = server.ResidentBytes();
        var idle = await AllocatedOverAsync(server, window, hardStop.Token);
        var stillOpen = sockets.Count(s => s.IsOpen);

        await CloseAllAsync(sockets);
        await drainStop.CancelAsync();
        await Task.WhenAll(drains);
        return new Result(server.Name, sockets.Count, failures.Values.Sum(), failures, openTime, before, after, window, empty, idle, stillOpen);
    }

    private static async Task<long> AllocatedOverAsync(ServerProcess server, TimeSpan window, CancellationToken ct)
    {
        var start = await server.AllocatedBytesAsync(ct);
        await Task.Delay(window, ct);
        return await server.AllocatedBytesAsync(ct) - start;
    }

    private static async Task<(List<FrameSocket> Sockets, Dictionary<string, int> Failures)> OpenAsync(
        int count, Func<int, CancellationToken, Task<FrameSocket>> connect, CancellationToken ct)
    {
        var sockets = new ConcurrentBag<FrameSocket>();
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failed = 0;
        var opened = 0;
        // Past this many failures the rest would fail the same way: stop and report instead.
        var giveUpAfter = Math.Max(200, count / 20);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = giveUp.Token }, async (i, token) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    sockets.Add(await connect(i, timeout.Token));
                    if (Interlocked.Increment(ref opened) % 5000 == 0)
                    {
                        Console.WriteLine($"  {opened} open");
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException && !token.IsCancellationRequested)
                {
                    var kind = e is OperationCanceledException ? $"no handshake within {ConnectTimeout.TotalSeconds} s" : $"{e.GetType().Name}: {e.GetBaseException().Message}";
                    failures.AddOrUpdate(kind, 1, static (_, n) => n + 1);
                    if (Interlocked.Increment(ref failed) == giveUpAfter)
                    {
                        Console.WriteLine($"  {failed} connects failed after {sockets.Count} opened: giving up on the rest");
                        await giveUp.CancelAsync();
                    }
                }
            });
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            failures.AddOrUpdate("not attempted (gave up)", count - sockets.Count - failed, static (_, n) => n);
        }

        return ([.. sockets], new Dictionary<string, int>(failures, StringComparer.Ordinal));
    }

    private static Task CloseAllAsync(IEnumerable<FrameSocket> sockets) =>
        Parallel.ForEachAsync(sockets, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (s, _) =>
        {
            await s.CloseAsync();
            s.Dispose();
        });
}
