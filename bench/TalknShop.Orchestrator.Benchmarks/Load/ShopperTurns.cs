using System.Diagnostics;
using System.Text.Json;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// A simulated shopper: a request that names only a product type (the offline assistant asks the
/// budget), then an answer (results, done), then again. Even steps ask, odd steps answer.
/// <see cref="Varied"/> (the default, <c>--searches varied</c>): the type rotates through the
/// built-in catalog's 22 types and the answer is a budget between $150 and $2,999, so successive
/// searches differ and the catalog's query cache mostly misses, as with real shoppers;
/// <c>--searches same</c>: every shopper asks for a laptop and clicks the first suggestion (the
/// script of the earlier figures, which the cache answers after the first few turns).
/// </summary>
internal static class ShopperTurns
{
    private const string VagueRequest = """{"type":"message","message":"I want a laptop"}""";
    private const string FallbackAnswer = "Under $1,000";

    private static readonly string[] Types =
    [
        "laptop", "pair of running shoes", "phone", "pair of headphones", "TV", "jacket", "tablet", "monitor", "speaker",
        "coffee maker", "vacuum", "smartwatch", "camera", "keyboard", "mouse", "blender", "air fryer", "backpack",
        "office chair", "printer", "router", "game console",
    ];

    /// <summary>Whether shoppers vary their searches (see the class summary); set from <c>--searches</c>.</summary>
    public static bool Varied { get; set; } = true;

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
        var text = (answer, Varied) switch
        {
            // Deterministic, so two builds measured in turn see the same searches.
            (true, true) => Message($"under ${150 + (((uint)client * 2654435761u) ^ ((uint)step * 40503u)) % 2850}"),
            (true, false) => Message(socket.Tag ?? FallbackAnswer),
            (false, true) => Message($"I want a {Types[(client * 7 + step / 2) % Types.Length]}"),
            (false, false) => VagueRequest,
        };
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

    private static string Message(string text) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "message", ["message"] = text });

    private static string? TypeOf(JsonDocument frame) =>
        frame.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static string? FirstSuggestion(JsonDocument frame) =>
        frame.RootElement.TryGetProperty("data", out var data)
        && data.TryGetProperty("suggestions", out var suggestions)
        && suggestions.ValueKind == JsonValueKind.Array && suggestions.GetArrayLength() > 0
            ? suggestions[0].GetString()
            : null;
}
