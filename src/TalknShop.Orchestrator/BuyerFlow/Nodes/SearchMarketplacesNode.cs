using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>Fans the spec out to every product source; partial results are kept, not fatal.</summary>
internal sealed class SearchMarketplacesNode(IMarketplaceSearch search) : IFlowNode<FlowState>
{
    public string Name => NodeNames.SearchMarketplaces;
    public string Stage => Stages.Searching;

    public string Describe(FlowState state)
    {
        var markets = state.Spec?.Marketplaces is { Count: > 0 } chosen ? chosen : Marketplaces.All;
        return "Searching " + string.Join(", ", markets.Select(Marketplaces.DisplayName)) + "…";
    }

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var spec = state.Spec ?? new RequirementSpec();
        var outcome = await search.SearchAsync(spec, cancellationToken).ConfigureAwait(false);
        if (outcome.Products.Count == 0 && outcome.FailedSources.Count > 0 && outcome.MarketplacesSearched.Count == 0)
        {
            throw new FlowStepException("search_unavailable", "Product search is unavailable right now. Please try again in a moment.");
        }

        return NodeResult<FlowState>.Next(state with
        {
            LastResults = new SearchResults(outcome.Products, outcome.TotalMatched, spec, "", outcome.MarketplacesSearched, outcome.FailedSources),
        });
    }
}
