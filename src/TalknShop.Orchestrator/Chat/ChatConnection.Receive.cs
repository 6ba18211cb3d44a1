using System.Buffers;
using System.Net.WebSockets;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Turns;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Chat;

internal sealed partial class ChatConnection
{
    private const int ReceiveChunkBytes = 4096;

    private int _refusedInARow;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        // Once a close is queued (disconnect, flood, expiry, failure) nothing more is processed:
        // the rest is drained until the peer's close arrives.
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent && Volatile.Read(ref _closeQueued) == 0)
        {
            var (type, payload, length) = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (type == WebSocketMessageType.Close)
                {
                    RecordReason(CloseReasons.ClientClosed);
                    Close(WebSocketCloseStatus.NormalClosure, CloseReasons.ClientClosed);
                    return;
                }

                if (_tokenExpiresAt is { } expiresAt && _time.GetUtcNow() >= expiresAt)
                {
                    ExpireToken();
                    return;
                }

                if (!TakeFramePermit())
                {
                    continue;
                }

                switch (type)
                {
                    case null:
                        SendError("message_too_large", $"Messages can be at most {_options.MaxFrameBytes / 1024} KB.", recoverable: false);
                        Close(WebSocketCloseStatus.MessageTooBig, CloseReasons.MessageTooLarge);
                        return;
                    case WebSocketMessageType.Binary:
                        SendError("unsupported_frame", "Binary frames are not supported; send JSON text.");
                        break;
                    default:
                        await HandleAsync(_services.Parser.Parse(payload.AsMemory(0, length)), cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or WebSocketException))
            {
                // A bug or a failing dependency while handling one frame: the client is told and
                // gets a close frame with the reason, never a bare drop (1006).
                ChatLog.ConnectionFailed(_logger, ex, ConnectionId);
                Fail(CloseReasons.InternalError, "Something went wrong on our side. Please reconnect.");
                return;
            }
            finally
            {
                if (payload.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(payload);
                }
            }
        }
    }

    /// <summary>
    /// The per-socket frame rate, counting every frame. A frame over it is answered with
    /// <c>rate_limited</c> and not processed; a client that keeps flooding for another burst is
    /// closed (1008, with a close frame), so its errors cannot fill the send queue either.
    /// </summary>
    private bool TakeFramePermit()
    {
        if (_services.RateLimits.TryFrame(ConnectionId) is not { } retryAfter)
        {
            _refusedInARow = 0;
            return true;
        }

        SendError("rate_limited", "You're sending too fast. Please slow down.", Refusals.RetryAfter(retryAfter));
        if (++_refusedInARow >= _options.FrameBurst)
        {
            ChatLog.FloodClosed(_logger, ConnectionId);
            Close(WebSocketCloseStatus.PolicyViolation, CloseReasons.RateLimited);
        }

        return false;
    }

    /// <summary>
    /// After our close frame, reads (and ignores) until the peer's close arrives, so the close
    /// handshake completes instead of ending in a reset. Bounded by the close-handshake timeout.
    /// </summary>
    private async Task DrainUntilCloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State != WebSocketState.CloseSent && Volatile.Read(ref _closeQueued) == 0)
        {
            return;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(scratch.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Reads one whole message into a pooled buffer. Returns a null type when it exceeds the frame
    /// limit (the rest is not read: the connection is closed with 1009).
    /// </summary>
    private async Task<(WebSocketMessageType? Type, byte[] Payload, int Length)> ReadMessageAsync(CancellationToken cancellationToken)
    {
        // Wait for the next message without a buffer (a zero-byte receive): an idle connection
        // spends its life here, and a 4 KB buffer rented for the wait was held by every idle socket.
        var first = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return (WebSocketMessageType.Close, [], 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
        if (first.EndOfMessage)
        {
            // An empty message: nothing more to read.
            return (first.MessageType, buffer, 0);
        }

        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxFrameBytes + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return (WebSocketMessageType.Close, [], 0);
            }

            length += result.Count;
            if (length > _options.MaxFrameBytes)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return (null, [], 0);
            }

            if (result.EndOfMessage)
            {
                return (result.MessageType, buffer, length);
            }
        }
    }

    private async Task HandleAsync(ClientCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case UserMessageCommand message:
                ChatLog.UserText(_logger, ConnectionId, message.Text);
                if (_services.Limits.TryMessage(UserId) is { } retryAfter)
                {
                    SendError("rate_limited", "You're sending messages too quickly. Please wait a moment.", Refusals.RetryAfter(retryAfter));
                    break;
                }

                var input = new TurnInput(message.Text, message.Media, message.IsAnswer);
                switch (_hub.Enqueue(new TurnRequest(input, message.ClientMessageId)))
                {
                    case EnqueueResult.Duplicate:
                        SendError("duplicate_message", "That message is already being handled.", message.ClientMessageId);
                        break;
                    case EnqueueResult.QueueFull:
                        SendError("queue_full", "Too many messages are waiting. Wait for the current answer, then try again.");
                        break;
                }

                break;
            case PingCommand:
                var now = _time.GetUtcNow();
                TryDeliver(EventFrames.Create(new PongData(now), now, SessionId));
                break;
            case PongCommand:
                LastClientPongAt = _time.GetUtcNow();
                break;
            case DisconnectCommand:
                Close(WebSocketCloseStatus.NormalClosure, CloseReasons.ClientDisconnect);
                break;
            case ResumeCommand resume:
                await ResumeAsync(resume.LastSeq, cancellationToken).ConfigureAwait(false);
                break;
            case CancelCommand:
                if (!_hub.CancelCurrentTurn(CancelReason.User))
                {
                    SendError("no_active_turn", "There is nothing running to cancel.");
                }

                break;
            case InvalidCommand invalid:
                SendError(invalid.Code, invalid.Error, invalid.Details);
                break;
        }
    }

    /// <summary>
    /// Replays inline: the receive loop reads nothing else until the replay is queued, so one
    /// socket has at most one replay in flight, and its rate is limited on top of that.
    /// </summary>
    private async Task ResumeAsync(long lastSeq, CancellationToken cancellationToken)
    {
        if (_services.RateLimits.TryResume(ConnectionId) is { } retryAfter)
        {
            SendError("rate_limited", "Too many resume requests. Wait a moment before asking again.", Refusals.RetryAfter(retryAfter));
            return;
        }

        try
        {
            await _hub.ReplayAsync(this, lastSeq, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or WebSocketException))
        {
            ChatLog.ConnectionFailed(_logger, ex, ConnectionId);
            Fail(CloseReasons.StoreUnavailable, "The conversation store is unavailable right now. Please reconnect in a moment.");
        }
    }
}
