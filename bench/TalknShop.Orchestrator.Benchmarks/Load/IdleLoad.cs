namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>Server memory per idle connection: VmRSS of the child before and after N sockets.</summary>
internal static class IdleLoad
{
    public sealed record Result(string Server, int Opened, int Failed, long RssBefore, long RssAfter)
    {
        public double BytesPerConnection => Opened == 0 ? double.NaN : (RssAfter - RssBefore) / (double)Opened;
    }

    public static async Task<Result> RunAsync(ServerProcess server, int connections, Func<int, CancellationToken, Task<FrameSocket>> connect)
    {
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        // Warm-up: the first connections pay for JIT, pools and (for the service) the catalog;
        // without this the delta would charge one-off costs to the idle connections.
        await OpenAsync(Math.Min(100, connections), connect, closeAfter: true, hardStop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3), hardStop.Token);
        var before = server.ResidentBytes();

        var (sockets, failed) = await OpenAsync(connections, connect, closeAfter: false, hardStop.Token);
        // Let the server finish per-connection setup (registries, send loops) before reading.
        await Task.Delay(TimeSpan.FromSeconds(5), hardStop.Token);
        var after = server.ResidentBytes();

        await Parallel.ForEachAsync(sockets, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (s, _) =>
        {
            await s.CloseAsync();
            s.Dispose();
        });
        return new Result(server.Name, sockets.Count, failed, before, after);
    }

    private static async Task<(List<FrameSocket> Sockets, int Failed)> OpenAsync(
        int count, Func<int, CancellationToken, Task<FrameSocket>> connect, bool closeAfter, CancellationToken ct)
    {
        var sockets = new List<FrameSocket>(count);
        var failed = 0;
        var gate = new Lock();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                var socket = await connect(i, token);
                lock (gate)
                {
                    sockets.Add(socket);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
        });

        if (closeAfter)
        {
            foreach (var socket in sockets)
            {
                await socket.CloseAsync();
                socket.Dispose();
            }

            sockets.Clear();
        }

        return (sockets, failed);
    }
}
