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
}
