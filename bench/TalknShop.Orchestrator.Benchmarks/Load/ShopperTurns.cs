using System.Diagnostics;
using System.Text.Json;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// A simulated shopper: a vague request (the offline assistant asks the budget), then the first
/// suggested answer (results, done), then again. Even steps ask, odd steps answer.
/// </summary>
internal static class ShopperTurns
{
    private const string VagueRequest = """{"type":"message","message":"I want a laptop"}""";
    private const string FallbackAnswer = "Under $1,000";

    public static async Task<FrameSocket> ConnectAsync(ServerProcess server, int client, CancellationToken ct)
    {
        // One user per shopper, as in production; per-user limits are raised for the run anyway.
        var socket = await FrameSocket.ConnectAsync(server.ChatUri($"load-{client}-{Guid.NewGuid():N}"), ct);
        using var connected = await socket.ReceiveJsonAsync(ct);
        if (TypeOf(connected) != "connected")
        {
            socket.Dispose();
            throw new InvalidOperationException($"first frame was {TypeOf(connected)}");
        }

        return socket;
    }

    public static async Task TurnAsync(FrameSocket socket, int client, int step, LoadResult result, CancellationToken ct)
    {
        var answer = step % 2 == 1;
        var text = answer
            ? JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "message", ["message"] = socket.Tag ?? FallbackAnswer })
            : VagueRequest;
        var sent = Stopwatch.GetTimestamp();
        await socket.SendTextAsync(text, ct);
        var first = true;
        while (true)
        {
            using var frame = await socket.ReceiveJsonAsync(ct);
            if (first)
            {
                result.FirstEvent.Record(sent);
                first = false;
            }

            switch (TypeOf(frame))
            {
                case "clarification":
                    result.Latency.Record(sent);
                    socket.Tag = FirstSuggestion(frame);
                    return;
                case "done":
                    result.Latency.Record(sent);
                    socket.Tag = null;
                    return;
                case "results":
                    result.ResultsSeen();
                    continue;
                case "error":
                    // Any error frame fails the turn: under load it means a limit was hit.
                    throw new InvalidOperationException(frame.RootElement.GetRawText());
                default:
                    continue; // thinking, progress, token
            }
        }
    }

    private static string? TypeOf(JsonDocument frame) =>
        frame.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static string? FirstSuggestion(JsonDocument frame) =>
        frame.RootElement.TryGetProperty("data", out var data)
        && data.TryGetProperty("suggestions", out var suggestions)
        && suggestions.ValueKind == JsonValueKind.Array && suggestions.GetArrayLength() > 0
            ? suggestions[0].GetString()
            : null;
}
