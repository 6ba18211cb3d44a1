using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Chat;

/// <summary><c>/ws/chat</c>: checks before the upgrade, then one <see cref="ChatConnection"/> per socket.</summary>
internal static class ChatEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<ChatOptions> chatOptions,
        IOptions<ServiceOptions> serviceOptions,
        IOptions<AuthOptions> authOptions,
        CurrentUser user,
        ConnectionRegistry connections,
        SessionGateway sessions,
        ChatServices services,
        ILogger<ChatConnection> logger)
    {
        var options = chatOptions.Value;
        var metrics = services.Metrics;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("This endpoint speaks WebSocket: open it with a WebSocket client.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!OriginCheck.Allowed(context, options, serviceOptions.Value.Debug))
        {
            metrics.ConnectionRefused(CloseReasons.OriginRejected);
            ChatLog.OriginRefused(logger, context.Request.Headers.Origin.ToString(), context.Request.Host.Value ?? "");
            return TypedResults.Problem("This origin may not open a chat connection.", statusCode: StatusCodes.Status403Forbidden);
        }

        // With AUTH_MODE=jwt the user is the token's subject (header or access_token query
        // parameter); an expired, wrongly signed or wrong-audience token never gets a socket.
        var auth = authOptions.Value;
        // The route has no RequireAuthorization: its other refusals (a bad user_id among them)
        // come after the upgrade as close frames the clients read, and this one is counted.
        if (auth.JwtEnabled && user.Id is null)
        {
            metrics.ConnectionRefused(CloseReasons.Unauthorized);
            ChatLog.Refused(logger, CloseReasons.Unauthorized);
            return TypedResults.Problem("A valid access token is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var address = ClientAddress(context);
        var handshake = Handshake.Read(context, user);
        // Each slot is a limiter lease: disposing it on every way out gives the slot back.
        using var slot = connections.TryReserve();
        if (slot is null)
        {
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.ConnectionLimit).ConfigureAwait(false);
            return Results.Empty;
        }

        using var addressSlot = services.Limits.TryOpenAddressConnection(address);
        if (addressSlot is null)
        {
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.AddressConnectionLimit).ConfigureAwait(false);
            return Results.Empty;
        }

        if (handshake.Problem is { } problem)
        {
            await RefuseAsync(context, services, logger, handshake.SessionId, problem).ConfigureAwait(false);
            return Results.Empty;
        }

        using var userSlot = services.Limits.TryOpenConnection(handshake.UserId);
        if (userSlot is null)
        {
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.UserConnectionLimit).ConfigureAwait(false);
            return Results.Empty;
        }

        await OpenAndRunAsync(context, handshake, address, user.TokenExpiresAt, options, connections, sessions, services, logger).ConfigureAwait(false);
        return Results.Empty;
    }

    private static async Task OpenAndRunAsync(
        HttpContext context, Handshake handshake, string address, DateTimeOffset? tokenExpiresAt, ChatOptions options,
        ConnectionRegistry connections, SessionGateway sessions, ChatServices services, ILogger logger)
    {
        TimeSpan? createRetryAfter = null;
        SessionRecord? record;
        bool created;
        try
        {
            (record, created) = await sessions.OpenAsync(handshake.SessionId, handshake.UserId, context.RequestAborted, mayCreate: () =>
            {
                createRetryAfter = services.Limits.TryCreateSession(handshake.UserId, address);
                return createRetryAfter is null;
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ChatLog.OpenFailed(logger, ex, handshake.SessionId ?? "(new)");
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.StoreUnavailable).ConfigureAwait(false);
            return;
        }

        if (record is null)
        {
            // Same words whether the session exists or not: nothing about another user's session leaks.
            var refusal = created ? Refusals.SessionCreateLimit(createRetryAfter ?? TimeSpan.FromMinutes(1)) : Refusals.SessionUnavailable;
            await RefuseAsync(context, services, logger, handshake.SessionId, refusal).ConfigureAwait(false);
            return;
        }

        SessionHub hub;
        SessionRecord? owned;
        try
        {
            (hub, owned) = await sessions.OwnAsync(record, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SessionLeaseLostException)
        {
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.SessionTakenOver).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ChatLog.OpenFailed(logger, ex, record.SessionId);
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.StoreUnavailable).ConfigureAwait(false);
            return;
        }

        if (owned is null)
        {
            // Expired between the two reads.
            await RefuseAsync(context, services, logger, handshake.SessionId, Refusals.SessionUnavailable).ConfigureAwait(false);
            return;
        }

        record = owned;
        WebSocket accepted;
        try
        {
            accepted = await AcceptAsync(context, options).ConfigureAwait(false);
        }
        catch
        {
            sessions.Release(hub);
            throw;
        }

        using var socket = accepted;
        var connection = new ChatConnection(socket, record.SessionId, handshake.UserId, hub, options, services, tokenExpiresAt, logger, context.RequestAborted);
        services.Metrics.ConnectionOpened();
        ChatLog.Opened(logger, connection.ConnectionId, record.SessionId, handshake.UserId, !created);
        var reason = CloseReasons.PeerLost;
        try
        {
            var time = services.Time;
            try
            {
                // Sending starts first: a replay longer than the send queue waits for it.
                connection.StartSending();
                await hub.AttachAsync(connection, handshake.LastSeq, seq => EventFrames.Create(new ConnectedData(
                    record.SessionId, "Connected to TalknShop orchestrator", time.GetUtcNow(), Resumed: !created,
                    SessionGateway.Stage(record), SessionGateway.PendingQuestion(record), seq), time.GetUtcNow(), record.SessionId), context.RequestAborted).ConfigureAwait(false);
                hub.ResumeInterrupted(record);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or WebSocketException))
            {
                // Reading the log to replay failed: the socket is open, so the client is told
                // and gets a close frame, not a bare drop.
                ChatLog.ConnectionFailed(logger, ex, connection.ConnectionId);
                connection.Fail(CloseReasons.StoreUnavailable, "The conversation store is unavailable right now. Please reconnect in a moment.");
            }
            finally
            {
                // Registered once `connected` is queued: the heartbeat goes to registered
                // connections, and a ping must never come before `connected`.
                connections.Add(connection);
            }

            reason = await connection.RunAsync().ConfigureAwait(false);
            ChatLog.Closed(logger, connection.ConnectionId, record.SessionId, reason);
        }
        finally
        {
            // Exactly once on every path, so active_connections never drifts.
            services.Metrics.ConnectionClosed(reason);
            hub.Detach(connection);
            connections.Remove(connection);
            sessions.Release(hub);
        }
    }

    /// <summary>The peer's address, IPv4-mapped addresses as IPv4, so one client has one key.</summary>
    private static string ClientAddress(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        return remote is null ? "unknown" : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
    }

    internal static Task<WebSocket> AcceptAsync(HttpContext context, ChatOptions options) =>
        context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });

    /// <summary>Upgrades, sends the refusal's error event and closes with its status and reason; logged and counted.</summary>
    private static async Task RefuseAsync(HttpContext context, ChatServices services, ILogger logger, string? sessionId, Refusal refusal)
    {
        services.Metrics.ConnectionRefused(refusal.Reason);
        ChatLog.Refused(logger, refusal.Reason);
        using var socket = await AcceptAsync(context, services.Options).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var frame = EventFrames.Error(services.Time.GetUtcNow(), sessionId ?? "", refusal.Code, refusal.Message, refusal.Details, refusal.Recoverable);
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            await socket.CloseAsync(refusal.Status, refusal.Reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }
}
