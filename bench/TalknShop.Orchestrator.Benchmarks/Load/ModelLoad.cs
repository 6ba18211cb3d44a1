using System.Collections.Concurrent;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// <c>load model</c>: the service with <c>LLM_PROVIDER=anthropic</c> against a fake model with
/// fixed pacing, first one shopper turn after turn (a clean figure), then N shoppers at once.
/// An echo server doing the same waits would only measure <c>Task.Delay</c>, so the baseline here
/// is the model's own time, taken by the fake, beside the service's figures.
/// </summary>
internal static class ModelLoad
{
    public sealed record Options(ModelPace Pace, int SequentialTurns, int Shoppers, TimeSpan Duration, TimeSpan Think, int Repeat, string Store, int MaxTurns);

    public static async Task RunAsync(Options o)
    {
        Console.WriteLine(
            $"fake model: non-streaming calls {o.Pace.CallDelay.TotalMilliseconds} ms, stream TTFT {o.Pace.FirstToken.TotalMilliseconds} ms, " +
            $"{o.Pace.Tokens} tokens every {o.Pace.TokenGap.TotalMilliseconds} ms");
        Console.WriteLine("baseline: the model's own times as the fake measured them; 'service adds' = client-observed - model (no echo run: it would only time the same waits)");
        await using var model = await FakeModel.StartAsync(o.Pace);
        using var settings = new ServiceSettings(o.Store, o.MaxTurns);
        var env = new Dictionary<string, string>(settings.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in model.Settings)
        {
            env[key] = value;
        }

        await using var service = await ServerProcess.StartServiceAsync(env);
        // Warm-up outside the figures: JIT, the SDK's HTTP connection, the catalog's first touch.
        await SequentialAsync(service, 3, client: 1_000_000);
        model.Calls.Clear();

        for (var run = 1; run <= o.Repeat; run++)
        {
            var cpu = service.CpuTime();
            var sequential = await SequentialAsync(service, o.SequentialTurns, client: run);
            ModelOverhead.Of(sequential.Timings, model.Calls).Print($"run {run} sequential, 1 shopper, errors {sequential.Errors}");
            // The service's own CPU per turn: what it adds on a quiet core, whatever else runs meanwhile.
            Console.WriteLine($"  service cpu {(service.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, sequential.Timings.Count):0.00} ms per turn (sequential)");
            model.Calls.Clear();

            var timings = new ConcurrentQueue<TurnTiming>();
            var record = ModelTurns.Recording(timings);
            var offset = run * 1_000_000;
            // Client ids offset by run so turn markers never repeat within the invocation.
            cpu = service.CpuTime();
            var loop = await ClosedLoop.RunAsync(o.Shoppers, o.Duration, o.Think,
                (i, ct) => ShopperTurns.ConnectAsync(service, i, ct),
                (socket, client, step, result, ct) => record(socket, client + offset, step, result, ct));
            Report.Conversations(run, "model", loop);
            Report.CpuPerTurn(service.CpuTime() - cpu, loop);
            ModelOverhead.Of(timings, model.Calls).Print($"run {run} concurrent, {o.Shoppers} shoppers, {o.Think.TotalMilliseconds} ms think, {o.Duration.TotalSeconds} s");
            model.Calls.Clear();
        }
    }

    private static async Task<(List<TurnTiming> Timings, int Errors)> SequentialAsync(ServerProcess service, int turns, int client)
    {
        var timings = new List<TurnTiming>();
        var errors = 0;
        using var hardStop = new CancellationTokenSource(TimeSpan.FromSeconds(30 + turns * 10));
        using var socket = await ShopperTurns.ConnectAsync(service, client, hardStop.Token);
        for (var step = 0; step < turns; step++)
        {
            using var turnTimeout = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
            turnTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                timings.Add(await ModelTurns.TurnAsync(socket, client, step, turnTimeout.Token));
            }
            catch (InvalidOperationException e)
            {
                errors++;
                Console.Error.WriteLine($"turn {client}-{step}: {e.Message}");
            }

            // A short pause, as a shopper reads; also lets the fake's last write settle.
            await Task.Delay(100, hardStop.Token);
        }

        await socket.CloseAsync();
        return (timings, errors);
    }
}
