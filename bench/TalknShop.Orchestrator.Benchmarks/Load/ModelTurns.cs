using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>What the client saw of one turn, in <see cref="Stopwatch"/> ticks (0 = not seen).</summary>
internal sealed record TurnTiming(string Turn, long Sent, long FirstEvent, long FirstToken, long Done, bool Results);

/// <summary>
/// A shopper against the service with a (fake) model: every turn asks for a laptop under $1,000
/// with a marker <c>[turn client-step]</c> in the text, which reaches every model call's prompt, so
/// the fake's calls can be tied to the turn that made them even with many shoppers at once.
/// </summary>
internal static class ModelTurns
{
    public static ClosedLoop.TurnAsync Recording(ConcurrentQueue<TurnTiming> timings) =>
        async (socket, client, step, result, ct) =>
        {
            var timing = await TurnAsync(socket, client, step, ct);
            timings.Enqueue(timing);
            result.FirstEvent.Add(Stopwatch.GetElapsedTime(timing.Sent, timing.FirstEvent).TotalMilliseconds);
            result.Latency.Add(Stopwatch.GetElapsedTime(timing.Sent, timing.Done).TotalMilliseconds);
            if (timing.Results)
            {
                result.ResultsSeen();
            }
        };

    public static async Task<TurnTiming> TurnAsync(FrameSocket socket, int client, int step, CancellationToken ct)
    {
        var turn = $"{client}-{step}";
        var text = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "message",
            ["message"] = $"I want a laptop under $1000 [turn {turn}]",
        });
        var sent = Stopwatch.GetTimestamp();
        await socket.SendTextAsync(text, ct);
        long firstEvent = 0, firstToken = 0;
        var results = false;
        while (true)
        {
            using var frame = await socket.ReceiveJsonAsync(ct);
            var now = Stopwatch.GetTimestamp();
            firstEvent = firstEvent == 0 ? now : firstEvent;
            var type = frame.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "token":
                    firstToken = firstToken == 0 ? now : firstToken;
                    break;
                case "results":
                    results = true;
                    break;
                case "done":
                    return new TurnTiming(turn, sent, firstEvent, firstToken, now, results);
                case "clarification" or "error":
                    // The fake never asks, so either means the turn did not run as scripted.
                    throw new InvalidOperationException(frame.RootElement.GetRawText());
            }
        }
    }
}
