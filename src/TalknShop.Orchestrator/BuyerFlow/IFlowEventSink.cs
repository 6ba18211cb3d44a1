using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>
/// Where the buyer flow reports what happens. The turn layer implements it and turns each call
/// into a wire event; the flow knows nothing of sockets. The understanding layer's notices (a
/// model fallback) come through it too: nodes hand it on in their requests.
/// </summary>
internal interface IFlowEventSink : IFlowProgress, IUnderstandingNotices
{
    /// <summary>A piece of the user-facing answer; the last piece has <paramref name="isComplete"/> set.</summary>
    ValueTask TokenAsync(string content, bool isComplete, CancellationToken cancellationToken);

    ValueTask ClarificationAsync(ClarifyingQuestion question, CancellationToken cancellationToken);

    ValueTask ResultsAsync(SearchResults results, CancellationToken cancellationToken);
}
