using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Chat;

internal static partial class ChatLog
{
    [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} opened session {SessionId} for user {UserId} (resumed: {Resumed})")]
    public static partial void Opened(ILogger logger, string connectionId, string sessionId, string userId, bool resumed);

    [LoggerMessage(2, LogLevel.Information, "Connection {ConnectionId} of session {SessionId} closed: {Reason}")]
    public static partial void Closed(ILogger logger, string connectionId, string sessionId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Connection refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Connection {ConnectionId} sent a frame refused with {Code}")]
    public static partial void ClientError(ILogger logger, string connectionId, string code);

    [LoggerMessage(5, LogLevel.Debug, "Connection {ConnectionId} message: {Text}")]
    public static partial void UserText(ILogger logger, string connectionId, string text);

    [LoggerMessage(6, LogLevel.Warning, "Connection {ConnectionId} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(8, LogLevel.Debug, "Connection {ConnectionId} socket failed: {Error} in state {State}")]
    public static partial void SocketFailed(ILogger logger, string connectionId, System.Net.WebSockets.WebSocketError error, System.Net.WebSockets.WebSocketState state);

    [LoggerMessage(9, LogLevel.Warning, "Connection refused: origin {Origin} (Host {Host}) is not allowed; add it to ALLOWED_ORIGINS, or name its host in ALLOWED_HOSTS")]
    public static partial void OriginRefused(ILogger logger, string origin, string host);

    [LoggerMessage(10, LogLevel.Error, "Opening session {SessionId} failed")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(11, LogLevel.Information, "Connection {ConnectionId} closed: its access token expired")]
    public static partial void TokenExpired(ILogger logger, string connectionId);

    [LoggerMessage(12, LogLevel.Warning, "Connection {ConnectionId} closed for sending frames too fast")]
    public static partial void FloodClosed(ILogger logger, string connectionId);

    [LoggerMessage(7, LogLevel.Information, "Shutting down: closing {Count} connections")]
    public static partial void ShuttingDown(ILogger logger, int count);
}
