using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(1, LogLevel.Warning, "AUTH_MODE=none: callers are trusted to name their own user_id. Use AUTH_MODE=jwt in production.")]
    public static partial void NoAuthentication(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "Could not refresh signing keys from the JWKS URL")]
    public static partial void JwksRefreshFailed(ILogger logger, Exception exception);
}
