using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Turns;

internal static partial class TurnsLog
{
    [LoggerMessage(1, LogLevel.Warning, "Session {SessionId} disappeared from the store before its turn ran")]
    public static partial void SessionVanished(ILogger logger, string sessionId);

    [LoggerMessage(2, LogLevel.Information, "Turn {TurnId} of session {SessionId} interrupted by shutdown; it will be re-run")]
    public static partial void TurnInterrupted(ILogger logger, string sessionId, string turnId);

    [LoggerMessage(3, LogLevel.Error, "Turn {TurnId} of session {SessionId} failed")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string sessionId, string turnId);

    [LoggerMessage(4, LogLevel.Information, "Session {SessionId} had a turn interrupted by a stop; running it again")]
    public static partial void ResumingInterrupted(ILogger logger, string sessionId);

    [LoggerMessage(5, LogLevel.Warning, "Turn {TurnId} of session {SessionId} conflicted with a write from another instance; reported to the client")]
    public static partial void TurnConflicted(ILogger logger, string sessionId, string turnId);

    [LoggerMessage(6, LogLevel.Error, "A turn of session {SessionId} could not even report its failure")]
    public static partial void TurnCrashed(ILogger logger, Exception exception, string sessionId);
}
