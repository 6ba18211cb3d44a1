using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>A test client speaking the chat protocol over a real <see cref="ClientWebSocket"/>. Every wait is bounded.</summary>
public sealed class ChatClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket;
    private readonly List<JsonElement> _received = [];

    private ChatClient(ClientWebSocket socket) => _socket = socket;

    public ClientWebSocket Socket => _socket;

    /// <summary>Every frame received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Received => _received;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;

    public static async Task<ChatClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        configure?.Invoke(socket.Options);
        using var timeout = Timeout(cancellationToken);
        await socket.ConnectAsync(uri, timeout.Token);
        return new ChatClient(socket);
    }

    /// <summary>Connects and reads the <c>connected</c> frame.</summary>
    public static async Task<(ChatClient Client, JsonElement Connected)> OpenAsync(OrchestratorHost host, string query = "", CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(host.WebSocketUri(query), cancellationToken: cancellationToken);
        var connected = await client.ReceiveAsync(cancellationToken: cancellationToken);
        Assert.Equal("connected", connected.GetProperty("type").GetString());
        return (client, connected);
    }

    public Task SendJsonAsync(object message, CancellationToken cancellationToken = default) =>
        SendTextAsync(JsonSerializer.Serialize(message), cancellationToken);

    public async Task SendTextAsync(string text, CancellationToken cancellationToken = default)
    {
        using var timeout = Timeout(cancellationToken);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type, CancellationToken cancellationToken = default)
    {
        using var timeout = Timeout(cancellationToken);
        await _socket.SendAsync(bytes, type, true, timeout.Token);
    }

    public Task SendMessageAsync(string text, string? clientMessageId = null, object[]? media = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync(new Dictionary<string, object?> { ["type"] = "message", ["message"] = text, ["client_message_id"] = clientMessageId, ["media"] = media }, cancellationToken);

    /// <summary>Reads the next frame. Throws when the socket closes or nothing arrives in time.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? within = null, CancellationToken cancellationToken = default)
    {
        return await TryReceiveAsync(within, cancellationToken) ?? throw new InvalidOperationException(
            $"Socket closed ({_socket.CloseStatus} {_socket.CloseStatusDescription}) while a frame was expected.");
    }

    /// <summary>Reads the next frame, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> TryReceiveAsync(TimeSpan? within = null, CancellationToken cancellationToken = default)
    {
        using var timeout = Timeout(cancellationToken, within);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var element = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                _received.Add(element);

                // Every token any test ever receives is checked: no internal JSON reaches users.
                ProtocolAssert.NoInternalText([element]);
                return element;
            }
        }
    }

    /// <summary>Reads frames until one of <paramref name="types"/> arrives (skipping <c>ping</c>); returns every frame read.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(CancellationToken cancellationToken, params string[] types)
    {
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await ReceiveAsync(cancellationToken: cancellationToken);
            if (frame.GetProperty("type").GetString() == "ping")
            {
                continue;
            }

            frames.Add(frame);
            if (types.Contains(frame.GetProperty("type").GetString()))
            {
                return frames;
            }
        }
    }

    /// <summary>Reads until the server closes; returns the frames read on the way.</summary>
    public async Task<List<JsonElement>> ReceiveUntilClosedAsync(CancellationToken cancellationToken = default)
    {
        var frames = new List<JsonElement>();
        while (await TryReceiveAsync(cancellationToken: cancellationToken) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test done", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }

    private static CancellationTokenSource Timeout(CancellationToken cancellationToken, TimeSpan? within = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(within ?? DefaultTimeout);
        return cts;
    }
}

public static class FrameExtensions
{
    public static string Type(this JsonElement frame) => frame.GetProperty("type").GetString()!;

    public static JsonElement Data(this JsonElement frame) => frame.GetProperty("data");

    public static long? Seq(this JsonElement frame) =>
        frame.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null;

    public static string? Code(this JsonElement frame) => frame.Data().GetProperty("code").GetString();
}
