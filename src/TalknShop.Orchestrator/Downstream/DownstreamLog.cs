using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Downstream;

internal static partial class DownstreamLog
{
    [LoggerMessage(1, LogLevel.Warning, "{Service} call to {Path} answered {Status}")]
    public static partial void CallFailed(ILogger logger, string service, string path, int status);

    [LoggerMessage(2, LogLevel.Warning, "{Service} call to {Path} failed")]
    public static partial void CallError(ILogger logger, Exception exception, string service, string path);

    [LoggerMessage(3, LogLevel.Warning, "{Service} answered {Count} products without an id or title; they were left out")]
    public static partial void ProductsDropped(ILogger logger, string service, int count);

    [LoggerMessage(4, LogLevel.Warning, "{Service} could not process an attachment: {Reason}")]
    public static partial void MediaFailed(ILogger logger, string service, string reason);
}
