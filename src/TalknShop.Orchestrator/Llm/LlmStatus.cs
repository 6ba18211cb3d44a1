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
}
