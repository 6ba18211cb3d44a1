using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Turns;

internal static partial class TurnsLog
{
    [LoggerMessage(2, LogLevel.Information, "Turn {TurnId} of session {SessionId} interrupted by shutdown; it will be re-run")]
    public static partial void TurnInterrupted(ILogger logger, string sessionId, string turnId);

    [LoggerMessage(3, LogLevel.Error, "Turn {TurnId} of session {SessionId} failed")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string sessionId, string turnId);

    [LoggerMessage(4, LogLevel.Information, "Turn {TurnId} of session {SessionId} was accepted and never ended; running it again")]
    public static partial void ResumingInterrupted(ILogger logger, string sessionId, string turnId);

    [LoggerMessage(5, LogLevel.Warning, "Turn {TurnId} of session {SessionId} conflicted with a write from another instance; reported to the client")]
    public static partial void TurnConflicted(ILogger logger, string sessionId, string turnId);

    [LoggerMessage(6, LogLevel.Error, "A turn of session {SessionId} could not even report its failure")]
    public static partial void TurnCrashed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(7, LogLevel.Error, "The session store failed during turn {TurnId} of session {SessionId}; told the client store_unavailable")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string sessionId, string turnId);

    [LoggerMessage(9, LogLevel.Information, "Session {SessionId} was taken over by another instance; this one stopped writing to it and closed its connection")]
    public static partial void LeaseLost(ILogger logger, string sessionId);

    [LoggerMessage(10, LogLevel.Warning, "A message for session {SessionId} met version conflicts on every try to accept it; told the client session_conflict")]
    public static partial void AcceptConflicted(ILogger logger, string sessionId);

    [LoggerMessage(11, LogLevel.Warning, "Could not clear the marker of turn {TurnId} of session {SessionId} after its conflict")]
    public static partial void MarkerNotCleared(ILogger logger, Exception exception, string sessionId, string turnId);

    [LoggerMessage(8, LogLevel.Information, "Session {SessionId} expired while its connection was open; closing it")]
    public static partial void SessionExpired(ILogger logger, string sessionId);
}
