using System.Buffers;
using System.Net.WebSockets;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Turns;

namespace TalknShop.Orchestrator.Chat;

internal sealed partial class ChatConnection
{
    private const int ReceiveChunkBytes = 4096;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var (type, payload, length) = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                switch (type)
                {
                    case WebSocketMessageType.Close:
                        RecordReason(CloseReasons.ClientClosed);
                        Close(WebSocketCloseStatus.NormalClosure, CloseReasons.ClientClosed);
                        return;
                    case null:
                        SendError("message_too_large", $"Messages can be at most {_options.MaxFrameBytes / 1024} KB.", recoverable: false);
                        Close(WebSocketCloseStatus.MessageTooBig, CloseReasons.MessageTooLarge);
                        return;
                    case WebSocketMessageType.Binary:
                        SendError("unsupported_frame", "Binary frames are not supported; send JSON text.");
                        break;
                    default:
                        await HandleAsync(_parser.Parse(payload.AsMemory(0, length)), cancellationToken).ConfigureAwait(false);
                        break;
                }
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
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
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
                if (_userLimits.TryMessage(UserId) is { } retryAfter)
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                    SendError("rate_limited", "You're sending messages too quickly. Please wait a moment.", $"retry_after={seconds}");
                    break;
                }

                var input = new TurnInput(message.Text, [.. message.Media.Select(m => new MediaAttachment(m.MediaType, m.S3Key, m.ContentType, m.SizeBytes))], message.IsAnswer);
                switch (_hub.Enqueue(new TurnRequest(input, message.ClientMessageId, _time.GetUtcNow())))
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
                TryDeliver(EventFrames.Create(EventTypes.Pong, new PingData(now), now, SessionId));
                break;
            case PongCommand:
                LastClientPongAt = _time.GetUtcNow();
                break;
            case DisconnectCommand:
                Close(WebSocketCloseStatus.NormalClosure, CloseReasons.ClientDisconnect);
                break;
            case ResumeCommand resume:
                await _hub.ReplayAsync(this, resume.LastSeq, cancellationToken).ConfigureAwait(false);
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
}
