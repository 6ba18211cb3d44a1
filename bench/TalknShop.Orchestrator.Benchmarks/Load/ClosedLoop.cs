using System.Diagnostics;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>What one closed-loop run measured.</summary>
internal sealed class LoadResult(int clients, TimeSpan duration, TimeSpan think)
{
    private int _turns;
    private int _errors;
    private int _results;

    public int Clients { get; } = clients;

    public double Seconds { get; } = duration.TotalSeconds;

    /// <summary>The rate the clients would reach if every turn took no time at all.</summary>
    public double OfferedPerSecond { get; } = clients / Math.Max(think.TotalSeconds, 0.001);

    public double AchievedPerSecond => _turns / Seconds;

    public int Turns => _turns;

    public int Errors => _errors;

    /// <summary>Sanity check: shoppers' answer turns must end in results, not just in done.</summary>
    public int Results => _results;

    public LatencyRecorder Latency { get; } = new();

    public LatencyRecorder FirstEvent { get; } = new();

    public void TurnDone() => Interlocked.Increment(ref _turns);

    public void Error() => Interlocked.Increment(ref _errors);

    public void ResultsSeen() => Interlocked.Increment(ref _results);
}

/// <summary>
/// N clients, each: connect, then turn, think, turn, think… until the window closes. A client
/// never has two turns in flight, so a slow server lowers the achieved rate instead of piling up
/// work: that is the closed-loop model, and why offered and achieved rates are both reported.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>One turn: send, then read until the turn's terminal frame, recording latencies.</summary>
    public delegate Task TurnAsync(FrameSocket socket, int client, int step, LoadResult result, CancellationToken ct);

    public static async Task<LoadResult> RunAsync(
        int clients, TimeSpan duration, TimeSpan think,
        Func<int, CancellationToken, Task<FrameSocket>> connect, TurnAsync turn)
    {
        var result = new LoadResult(clients, duration, think);
        // Every await in the run ends by this token, so a wedged server cannot hang the tool.
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(90));
        var sockets = await ConnectAllAsync(clients, connect, result, hardStop.Token);

        var start = Stopwatch.GetTimestamp();
        var tasks = sockets.Select((socket, i) => Task.Run(() => ClientAsync(socket, i)));
        await Task.WhenAll(tasks);
        return result;

        async Task ClientAsync(FrameSocket? socket, int client)
        {
            // Spread the first turns over one think time so the clients do not march in step.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * think.TotalMilliseconds), hardStop.Token);
            var step = 0;
            while (Stopwatch.GetElapsedTime(start) < duration && !hardStop.IsCancellationRequested)
            {
                try
                {
                    socket ??= await connect(client, hardStop.Token);
                    using var turnTimeout = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
                    turnTimeout.CancelAfter(TimeSpan.FromSeconds(30));
                    await turn(socket, client, step++, result, turnTimeout.Token);
                    // Turns that end after the window are not counted in the achieved rate.
                    if (Stopwatch.GetElapsedTime(start) <= duration)
                    {
                        result.TurnDone();
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    result.Error();
                    socket?.Dispose();
                    socket = null;
                    step = 0;
                }

                await Task.Delay(think, CancellationToken.None);
            }

            if (socket is not null)
            {
                await socket.CloseAsync();
                socket.Dispose();
            }
        }
    }

    private static async Task<FrameSocket?[]> ConnectAllAsync(int clients, Func<int, CancellationToken, Task<FrameSocket>> connect, LoadResult result, CancellationToken ct)
    {
        var sockets = new FrameSocket?[clients];
        // Bounded parallelism: a burst of thousands of handshakes measures the accept backlog, not the service.
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                sockets[i] = await connect(i, token);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                result.Error();
            }
        });
        return sockets;
    }
}
