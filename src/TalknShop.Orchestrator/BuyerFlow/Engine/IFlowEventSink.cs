using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Engine;

/// <summary>
/// Where a running flow reports what happens. The turn layer implements it and turns each call
/// into a wire event; the flow knows nothing of sockets.
/// </summary>
internal interface IFlowEventSink
{
    ValueTask ProgressAsync(string step, string stage, string message, CancellationToken cancellationToken);

    /// <summary>A piece of the user-facing answer; the last piece has <paramref name="isComplete"/> set.</summary>
    ValueTask TokenAsync(string content, bool isComplete, CancellationToken cancellationToken);

    ValueTask ClarificationAsync(ClarifyingQuestion question, CancellationToken cancellationToken);

    ValueTask ResultsAsync(SearchResults results, CancellationToken cancellationToken);
}
