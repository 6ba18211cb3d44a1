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

    [LoggerMessage(7, LogLevel.Information, "Shutting down: closing {Count} connections")]
    public static partial void ShuttingDown(ILogger logger, int count);
}
