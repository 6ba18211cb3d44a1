namespace TalknShop.Orchestrator.BuyerFlow.Engine;

/// <summary>What the runner itself reports: one <c>progress</c> per node entered. A flow's own sink adds the rest.</summary>
internal interface IFlowProgress
{
    ValueTask ProgressAsync(string step, string stage, string message, CancellationToken cancellationToken);
}
