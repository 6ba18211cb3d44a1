using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// The baseline: Kestrel and the WebSocket stack with no work per message, so the ratio to it
/// shows what the service itself costs on top of the platform.
/// </summary>
internal static class EchoServer
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/alive", () => "ok");
        // The same field as the service's /metrics, so idle allocation is read the same way.
        app.MapGet("/metrics", () => Results.Text(
            "{\"gc\":{\"total_allocated_bytes\":" + GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}",
            "application/json"));
        app.Map("/echo", EchoAsync);
        app.Run();
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        // Same 4 KB receive buffer per connection as a typical receive loop, so idle memory
        // compares like with like.
        var buffer = new byte[4096];
        var aborted = context.RequestAborted;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, aborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The load generator drops sockets at the end of a run; nothing to report.
        }
    }
}
