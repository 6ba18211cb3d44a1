using System.Diagnostics;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>The baseline client: one round trip of a message the size of a shopper's per "turn".</summary>
internal static class EchoTurns
{
    private const string Payload = """{"type":"message","message":"I want a laptop"}""";

    public static Task<FrameSocket> ConnectAsync(ServerProcess server, CancellationToken ct) =>
        FrameSocket.ConnectAsync(server.EchoUri, ct);

    public static async Task TurnAsync(FrameSocket socket, int client, int step, LoadResult result, CancellationToken ct)
    {
        var sent = Stopwatch.GetTimestamp();
        await socket.SendTextAsync(Payload, ct);
        await socket.ReceiveAsync(ct);
        // For an echo the first event is the terminal one.
        result.FirstEvent.Record(sent);
        result.Latency.Record(sent);
    }
}
