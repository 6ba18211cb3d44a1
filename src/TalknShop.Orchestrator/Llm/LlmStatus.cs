using System.ClientModel;
using System.Net;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// What the last model calls said, for <c>/health</c>: Bedrock has no free endpoint to probe, and
/// a provider whose model list answers can still refuse every real call (a retired model id, a
/// 400 ValidationException), so the health check learns of failures from real calls.
/// </summary>
internal sealed class LlmStatus(DependencyStatus dependencies)
{
    public const string Dependency = "llm";

    private volatile LlmFailure? _last;

    /// <summary>The failure of the latest call if it failed recently; otherwise null.</summary>
    public DependencyStatus.Failure? RecentFailure => dependencies.RecentFailure(Dependency);

    /// <summary>The code of the latest call's failure while the latest call is a failure; null after a success.</summary>
    public string? LastFailureCode => _last?.Code;

    public void Succeeded()
    {
        _last = null;
        dependencies.Succeeded(Dependency);
    }

    public void Failed(LlmFailure failure)
    {
        _last = failure;
        dependencies.Failed(Dependency, failure.Reason);
    }

    /// <summary>The HTTP status behind an SDK exception, where the SDK exposes one.</summary>
    internal static int? StatusOf(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case ClientResultException { Status: > 0 } openai:
                    return openai.Status;
                case HttpRequestException { StatusCode: { } code }:
                    return (int)code;
            }

            var property = ex.GetType().GetProperty("StatusCode");
            switch (property?.GetValue(ex))
            {
                case HttpStatusCode code:
                    return (int)code;
                case int number:
                    return number;
            }

            if (ex.GetType().Name.Contains("Unauthorized", StringComparison.Ordinal))
            {
                return 401;
            }
        }

        return null;
    }
}
