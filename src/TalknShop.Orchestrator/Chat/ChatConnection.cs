using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Turns;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// One socket: a receive loop and a send loop over a bounded queue, so a slow client only ever
/// stalls itself. Everything written to the socket goes through the queue, close frames included,
/// so frames and the close keep their order. The first recorded close reason wins.
/// </summary>
internal sealed partial class ChatConnection : ISessionSubscriber
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly Channel<Outbound> _outbound;
    private readonly CancellationTokenSource _lifetime;
    private readonly ChatOptions _options;
    private readonly ChatServices _services;
    private readonly SessionHub _hub;
    private readonly OrchestratorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DateTimeOffset? _tokenExpiresAt;
    private readonly PingFrame _ping;
    private string? _closeReason;
    private int _closeQueued;
    private int _overflowed;
    private Task? _send;

    /// <param name="tokenExpiresAt">When the caller's access token stops being valid; the socket is closed then.</param>
    public ChatConnection(
        WebSocket socket, string sessionId, string userId, SessionHub hub, ChatOptions options, ChatServices services,
        DateTimeOffset? tokenExpiresAt, ILogger logger, CancellationToken requestAborted)
    {
        _socket = socket;
        SessionId = sessionId;
        UserId = userId;
        _hub = hub;
        _options = options;
        _services = services;
        _metrics = services.Metrics;
        _time = services.Time;
        _logger = logger;
        _tokenExpiresAt = tokenExpiresAt;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _outbound = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        ConnectedAt = _time.GetUtcNow();
        _ping = new PingFrame(sessionId);
    }

    public string ConnectionId { get; } = "conn_" + Guid.NewGuid().ToString("N")[..12];
    public string SessionId { get; }
    public string UserId { get; }
    public DateTimeOffset ConnectedAt { get; }
    public DateTimeOffset? LastClientPongAt { get; private set; }
    public int QueuedFrames => _outbound.Reader.Count;
    public string CloseReason => _closeReason ?? CloseReasons.ClientClosed;

    /// <summary>Runs both loops until the socket closes; returns the recorded close reason.</summary>
    public async Task<string> RunAsync()
    {
        StartSending();
        var send = _send!;
        using var expiry = _tokenExpiresAt is { } expiresAt
            ? _time.CreateTimer(_ => ExpireToken(), null, Max(expiresAt - _time.GetUtcNow(), TimeSpan.Zero), Timeout.InfiniteTimeSpan)
            : null;
        try
        {
            await ReceiveLoopAsync(_lifetime.Token).ConfigureAwait(false);
            await DrainUntilCloseAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            RecordReason(CloseReasons.PeerLost);
        }
        catch (WebSocketException ex)
        {
            // The socket failed: the peer vanished or stopped answering keep-alive pings, or it
            // broke the protocol (invalid UTF-8 in a text frame: the socket itself sends 1007 and
            // aborts). The framework reports both the same way, so they share one reason.
            ChatLog.SocketFailed(_logger, ConnectionId, ex.WebSocketErrorCode, _socket.State);
            RecordReason(CloseReasons.PeerLost);
        }
        finally
        {
            _hub.Detach(this);
            _outbound.Writer.TryComplete();
            await send.WaitAsync(CloseHandshakeTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _lifetime.CancelAsync().ConfigureAwait(false);
            // Aborting after a close frame went out would reset the TCP connection and the peer
            // might never read that frame; ending the request closes the connection cleanly.
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived or WebSocketState.Connecting)
            {
                _socket.Abort();
            }
        }

        return CloseReason;
    }

    /// <summary>
    /// Starts the send loop (once). Called before the session replays to this connection: a replay
    /// longer than the send queue would otherwise wait for a loop that has not started.
    /// </summary>
    public void StartSending() => _send ??= SendLoopAsync(_lifetime.Token);

    public bool TryDeliver(ReadOnlyMemory<byte> frame)
    {
        if (_outbound.Writer.TryWrite(new Outbound(frame)))
        {
            return true;
        }

        Overflow();
        return false;
    }

    public async ValueTask<bool> DeliverAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            await _outbound.Writer.WriteAsync(new Outbound(frame), linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void OnTakenOver()
    {
        SendError("session_taken_over", "This conversation was opened somewhere else, so this connection was closed.", recoverable: false);
        Close(WebSocketCloseStatus.NormalClosure, CloseReasons.TakenOver);
    }

    public void OnSessionExpired()
    {
        SendError("session_expired", "This conversation expired after a long pause, so that message was not handled. Start a new conversation and send it again.", recoverable: false);
        Close(WebSocketCloseStatus.PolicyViolation, CloseReasons.SessionExpired);
    }

    /// <summary>Sends the application heartbeat (skipped while the previous one is still queued).</summary>
    public void SendPing(DateTimeOffset now)
    {
        if (_ping.TryStamp(now, out var frame))
        {
            TryDeliver(frame);
        }
    }

    /// <summary>Queues a close frame after whatever is already queued.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        RecordReason(reason);
        if (Interlocked.Exchange(ref _closeQueued, 1) == 0 && !_outbound.Writer.TryWrite(new Outbound(default, status, reason)))
        {
            Overflow();
        }
    }

    /// <summary>Ends the connection after an unexpected failure: an error event, then close 1011 with <paramref name="code"/> as the reason.</summary>
    public void Fail(string code, string error)
    {
        SendError(code, error, recoverable: true);
        Close(WebSocketCloseStatus.InternalServerError, code);
    }

    private void ExpireToken()
    {
        if (Volatile.Read(ref _closeQueued) != 0)
        {
            return;
        }

        ChatLog.TokenExpired(_logger, ConnectionId);
        // Recoverable: the client signs in again and reconnects with last_seq; a running turn
        // goes on and its events wait in the log.
        SendError("token_expired", "Your sign-in has expired. Sign in again to continue.", recoverable: true);
        Close(WebSocketCloseStatus.PolicyViolation, CloseReasons.TokenExpired);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    internal void SendError(string code, string error, string? details = null, bool recoverable = true)
    {
        _metrics.ClientError(code);
        ChatLog.ClientError(_logger, ConnectionId, code);
        TryDeliver(EventFrames.Error(_time.GetUtcNow(), SessionId, code, error, details, recoverable));
    }

    private void RecordReason(string reason) => Interlocked.CompareExchange(ref _closeReason, reason, null);

    private void Overflow()
    {
        // The client reads slower than we write: dropping frames silently would corrupt its view,
        // so it is cut off; it can reconnect with last_seq and replay from the log.
        // The send loop skips what is queued and sends a close frame; if the client does not read
        // even that, the close-handshake timeout cuts the socket.
        RecordReason(CloseReasons.SendQueueOverflow);
        Volatile.Write(ref _overflowed, 1);
        Interlocked.Exchange(ref _closeQueued, 1);
        _outbound.Writer.TryComplete();
        _lifetime.CancelAfter(CloseHandshakeTimeout);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        // The reader waits without a token: a channel allocates a new waiter for every wait with a
        // cancelable token (and reuses one without), which was a cost per idle connection per beat.
        // The connection's end completes the queue instead, and each send still takes the token.
        using var stop = cancellationToken.Register(static writer => ((ChannelWriter<Outbound>)writer!).TryComplete(), _outbound.Writer);
        try
        {
            await foreach (var item in _outbound.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Volatile.Read(ref _overflowed) == 1)
                {
                    break;
                }

                if (item.CloseStatus is { } status)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(status, item.CloseReason, cancellationToken).ConfigureAwait(false);
                    }

                    // The peer has CloseHandshakeTimeout to answer before the socket is dropped.
                    _lifetime.CancelAfter(CloseHandshakeTimeout);
                    return;
                }

                await _socket.SendAsync(item.Frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                if (_ping.Is(item.Frame))
                {
                    _ping.Sent();
                }

                _metrics.EventSent();
            }

            // The queue ended because the connection did (not because it was completed for a close).
            cancellationToken.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _overflowed) == 1 && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, CloseReason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            RecordReason(CloseReasons.PeerLost);
        }
    }

    private readonly record struct Outbound(ReadOnlyMemory<byte> Frame, WebSocketCloseStatus? CloseStatus = null, string? CloseReason = null);
}
