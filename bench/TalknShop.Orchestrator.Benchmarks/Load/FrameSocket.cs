using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>A client socket that reads whole text frames; every call is bounded by the run's token.</summary>
internal sealed class FrameSocket(ClientWebSocket socket) : IDisposable
{
    private byte[] _buffer = new byte[16 * 1024];

    /// <summary>Per-connection scratch for the caller (the shopper keeps its pending answer here).</summary>
    public string? Tag { get; set; }

    public bool IsOpen => socket.State == WebSocketState.Open;

    public static async Task<FrameSocket> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        // The service pings every 30 s itself; client keep-alives would only add noise.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(uri, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new FrameSocket(socket);
    }

    public Task SendTextAsync(string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>One whole message's bytes, valid until the next receive.</summary>
    public async Task<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"server closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsMemory(0, length);
            }
        }
    }

    /// <summary>
    /// Reads and drops frames until the socket closes: what an idle client does. A
    /// <see cref="ClientWebSocket"/> answers the server's keep-alive pings only inside a receive,
    /// so a socket nobody reads misses its pongs and the server aborts it after the pong timeout.
    /// </summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await ReceiveAsync(ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed by either side, or the run ended.
        }
    }

    /// <summary>Parses one server frame; the caller disposes the document.</summary>
    public async Task<JsonDocument> ReceiveJsonAsync(CancellationToken ct) =>
        JsonDocument.Parse(await ReceiveAsync(ct));

    public async Task CloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing is best effort; the process ends right after a run.
        }
    }

    public void Dispose() => socket.Dispose();
}
