using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Llm;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>Counts, logs and tells the shopper that a step was done by the offline implementation.</summary>
internal sealed class LlmFallback(OrchestratorMetrics metrics, LlmStatus status, ILogger<LlmFallback> logger)
{
    public const string Notice = "The language model was unavailable, so I used my built-in understanding.";

    public async ValueTask ReportAsync(string operation, string reason, IUnderstandingNotices notices, CancellationToken cancellationToken)
    {
        metrics.LlmFallback(operation);
        // The latest call's failure is why the step fell back; when it succeeded, the reply was unusable.
        metrics.Fallback(LlmStatus.Dependency, status.LastFailureCode ?? "unusable_reply");
        LlmLog.FellBack(logger, operation, reason);
        await notices.NoticeAsync(Notice, cancellationToken).ConfigureAwait(false);
    }
}
