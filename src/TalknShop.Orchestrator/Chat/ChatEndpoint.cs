using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Turns;

namespace TalknShop.Orchestrator.Chat;

/// <summary><c>/ws/chat</c>: checks before the upgrade, then one <see cref="ChatConnection"/> per socket.</summary>
internal static class ChatEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<ChatOptions> chatOptions,
        IOptions<ServiceOptions> serviceOptions,
        ConnectionRegistry connections,
        SessionGateway sessions,
        ClientFrameParser parser,
        OrchestratorMetrics metrics,
        UserLimits userLimits,
        IOptions<AuthOptions> authOptions,
        TimeProvider time,
        ILogger<ChatConnection> logger)
    {
        var options = chatOptions.Value;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("This endpoint speaks WebSocket: open it with a WebSocket client.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!OriginAllowed(context, options, serviceOptions.Value.Debug))
        {
            metrics.ConnectionRefused(CloseReasons.OriginRejected);
            ChatLog.Refused(logger, CloseReasons.OriginRejected);
            return TypedResults.Problem("This origin may not open a chat connection.", statusCode: StatusCodes.Status403Forbidden);
        }

        // With AUTH_MODE=jwt the user is the token's subject (header or access_token query
        // parameter); an expired, wrongly signed or wrong-audience token never gets a socket.
        if (UserIdentity.TryResolve(context, authOptions.Value) is not { } userId)
        {
            metrics.ConnectionRefused("unauthorized");
            return UserIdentity.Unauthorized();
        }

        var query = context.Request.Query;
        var requestedSession = query["session_id"].ToString() is { Length: > 0 } s ? s : null;
        var lastSeqText = query["last_seq"].ToString();

        if (!connections.TryReserve(options.MaxConcurrentConnections))
        {
            metrics.ConnectionRefused(CloseReasons.ConnectionLimit);
            ChatLog.Refused(logger, CloseReasons.ConnectionLimit);
            using var refused = await AcceptAsync(context, options).ConfigureAwait(false);
            await RefuseAsync(refused, time, requestedSession ?? "", "too_many_connections",
                "The service is at its connection limit. Please try again shortly.", CloseReasons.TryAgainLater, CloseReasons.ConnectionLimit).ConfigureAwait(false);
            return Results.Empty;
        }

        var userSlot = userLimits.TryOpenConnection(userId);
        try
        {
            using var socket = await AcceptAsync(context, options).ConfigureAwait(false);
            if (!userSlot)
            {
                metrics.ConnectionRefused(CloseReasons.UserConnectionLimit);
                await RefuseAsync(socket, time, requestedSession ?? "", "too_many_user_connections",
                    "You have too many conversations open at once. Close one and try again.", CloseReasons.TryAgainLater, CloseReasons.UserConnectionLimit).ConfigureAwait(false);
                return Results.Empty;
            }

            var problem = Validate(requestedSession, userId, lastSeqText, out var lastSeq);
            if (problem is not null)
            {
                await RefuseAsync(socket, time, requestedSession ?? "", problem.Value.Code, problem.Value.Message, WebSocketCloseStatus.PolicyViolation, CloseReasons.InvalidSessionId).ConfigureAwait(false);
                return Results.Empty;
            }

            var (record, created) = await sessions.OpenAsync(requestedSession, userId, context.RequestAborted).ConfigureAwait(false);
            if (record is null)
            {
                // Same words whether the session exists or not: nothing about another user's session leaks.
                await RefuseAsync(socket, time, requestedSession ?? "", "session_unavailable",
                    "This conversation can't be opened. Start a new one.", WebSocketCloseStatus.PolicyViolation, CloseReasons.SessionUnavailable).ConfigureAwait(false);
                return Results.Empty;
            }

            await RunConnectionAsync(context, socket, record, created, userId, lastSeq, options, connections, sessions, parser, metrics, userLimits, time, logger).ConfigureAwait(false);
            return Results.Empty;
        }
        finally
        {
            if (userSlot)
            {
                userLimits.CloseConnection(userId);
            }

            connections.Unreserve();
        }
    }

    private static async Task RunConnectionAsync(
        HttpContext context, WebSocket socket, Sessions.SessionRecord record, bool created, string userId, long? lastSeq, ChatOptions options,
        ConnectionRegistry connections, SessionGateway sessions, ClientFrameParser parser, OrchestratorMetrics metrics, UserLimits userLimits,
        TimeProvider time, ILogger logger)
    {
        var hub = sessions.Acquire(record.SessionId);
        var connection = new ChatConnection(socket, record.SessionId, userId, hub, options, parser, metrics, userLimits, time, logger, context.RequestAborted);
        connections.Add(connection);
        metrics.ConnectionOpened();
        ChatLog.Opened(logger, connection.ConnectionId, record.SessionId, userId, !created);
        try
        {
            connection.StartSending();
            await hub.AttachAsync(connection, lastSeq, seq => EventFrames.Create(EventTypes.Connected, new ConnectedData(
                record.SessionId, "Connected to TalknShop orchestrator", time.GetUtcNow(), Resumed: !created,
                SessionGateway.Stage(record), SessionGateway.PendingQuestion(record), seq), time.GetUtcNow(), record.SessionId), context.RequestAborted).ConfigureAwait(false);
            sessions.ResumeInterrupted(hub, record);
            var reason = await connection.RunAsync().ConfigureAwait(false);
            metrics.ConnectionClosed(reason);
            ChatLog.Closed(logger, connection.ConnectionId, record.SessionId, reason);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            metrics.ConnectionClosed(CloseReasons.PeerLost);
        }
        finally
        {
            hub.Detach(connection);
            connections.Remove(connection);
            sessions.Release(hub);
        }
    }

    private static (string Code, string Message)? Validate(string? sessionId, string userId, string lastSeqText, out long? lastSeq)
    {
        lastSeq = null;
        if (sessionId is not null && !SessionGateway.IsValidSessionId(sessionId))
        {
            return ("invalid_session_id", "session_id must be 1 to 128 letters, digits, '_', '.', ':' or '-'.");
        }

        if (!SessionGateway.IsValidSessionId(userId))
        {
            return ("invalid_user_id", "user_id must be 1 to 128 letters, digits, '_', '.', ':' or '-'.");
        }

        if (lastSeqText.Length > 0)
        {
            if (!long.TryParse(lastSeqText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ("invalid_last_seq", "last_seq must be a whole number of 0 or more.");
            }

            lastSeq = parsed;
        }

        return null;
    }

    private static Task<WebSocket> AcceptAsync(HttpContext context, ChatOptions options) =>
        context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });

    private static async Task RefuseAsync(WebSocket socket, TimeProvider time, string sessionId, string code, string message, WebSocketCloseStatus status, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var frame = EventFrames.Error(time.GetUtcNow(), sessionId, code, message, details: null, recoverable: false);
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            await socket.CloseAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }

    private static bool OriginAllowed(HttpContext context, ChatOptions options, bool debug)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || debug)
        {
            // Native apps send no Origin; browsers always do, and that is what the check is for.
            return true;
        }

        return options.AllowedOriginList.Any(o => o == "*" || string.Equals(o, origin, StringComparison.OrdinalIgnoreCase))
            || string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
