namespace TalknShop.Orchestrator.Llm;

internal static partial class LlmLog
{
    // The exception type only: SDK messages may echo parts of the prompt.
    [LoggerMessage(1, LogLevel.Warning, "Language model call {Operation} failed on attempt {Attempt} ({Error}, timed out: {TimedOut})")]
    public static partial void CallFailed(ILogger logger, string error, string operation, int attempt, bool timedOut);

    [LoggerMessage(2, LogLevel.Warning, "Language model {Operation} fell back to the offline implementation: {Reason}")]
    public static partial void FellBack(ILogger logger, string operation, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Language model {Operation} answered: {Reply}")]
    public static partial void Reply(ILogger logger, string operation, string reply);

    [LoggerMessage(4, LogLevel.Information, "Language model provider {Provider}, model {Model}")]
    public static partial void Selected(ILogger logger, string provider, string model);
}
