using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Search;
using TalknShop.Orchestrator.Catalog.Vocabulary;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>
/// Fans the spec out to every product source, relaxing it one constraint at a time when nothing
/// matches; partial results are kept, not fatal. When nothing matches even relaxed, it leaves a
/// question whose suggestions do find products (or "we don't carry that"), so no answer dead-ends.
/// </summary>
internal sealed class SearchMarketplacesNode(IMarketplaceSearch search, ScopeReplies scope) : IFlowNode<FlowState, IFlowEventSink>
{
    public const string RelaxContext = "relax";

    public string Name => NodeNames.SearchMarketplaces;
    public string Stage => Stages.Searching;

    public string Describe(FlowState state)
    {
        // Kroger is a grocer: name it only for the kitchen goods it lists.
        var type = ProductVocabulary.Resolve(state.Spec?.ProductType);
        var markets = state.Spec?.Marketplaces is { Count: > 0 } chosen ? chosen
            : type is { Kitchen: false } ? Marketplaces.All.Where(m => m != "kroger") : Marketplaces.All;
        return "Searching " + SpecText.Join(markets.Select(Marketplaces.DisplayName), "and") + "…";
    }

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var spec = state.Spec ?? new RequirementSpec();
        if (spec.Compare.Count >= 2 && await CompareAsync(state, spec, cancellationToken).ConfigureAwait(false) is { } compared)
        {
            return NodeResult<FlowState>.Next(compared);
        }

        var relaxed = await SearchRelaxer.SearchAsync(search, spec, cancellationToken).ConfigureAwait(false);
        var outcome = relaxed.Outcome;
        if (outcome.Products.Count == 0 && outcome.FailedSources.Count > 0 && outcome.MarketplacesSearched.Count == 0)
        {
            throw new FlowStepException("search_unavailable", "Product search is unavailable right now. Please try again in a moment.");
        }

        if (outcome.Products.Count == 0 && outcome.FailedSources.Count == 0 && await WayForwardAsync(spec, relaxed, cancellationToken).ConfigureAwait(false) is { } question)
        {
            return NodeResult<FlowState>.Next(state with { PendingQuestion = question, LastResults = null, SearchNote = null });
        }

        return NodeResult<FlowState>.Next(state with
        {
            LastResults = outcome,
            SearchNote = relaxed.Explanation,
            Comparison = [],
        });
    }

    /// <summary>Searches each side on its own, so both sides reach the results; null when neither finds anything.</summary>
    private async Task<FlowState?> CompareAsync(FlowState state, RequirementSpec spec, CancellationToken cancellationToken)
    {
        var sides = new List<ComparisonSide>();
        var products = new List<Product>();
        var notes = new List<string>();
        var marketplaces = new List<string>();
        var failed = new List<string>();
        foreach (var option in spec.Compare)
        {
            var side = SideSpec(spec, option);
            var found = await SearchRelaxer.SearchAsync(search, side, cancellationToken).ConfigureAwait(false);
            var fresh = found.Outcome.Products.Where(p => products.TrueForAll(q => q.ProductId != p.ProductId || q.Marketplace != p.Marketplace)).ToList();
            products.AddRange(fresh);
            sides.Add(new ComparisonSide(option.Label, found.Outcome.RequirementSpec, [.. found.Outcome.Products.Select(p => p.ProductId)], found.Outcome.TotalCount));
            marketplaces.AddRange(found.Outcome.MarketplacesSearched);
            failed.AddRange(found.Outcome.FailedSources);
            if (found.Explanation is { } note)
            {
                notes.Add(note);
            }
        }

        if (products.Count == 0)
        {
            return null;
        }

        return state with
        {
            LastResults = new SearchResults(products, sides.Sum(s => s.TotalMatched), spec, "",
                [.. Marketplaces.All.Where(marketplaces.Contains)], [.. failed.Distinct(StringComparer.Ordinal)]),
            SearchNote = notes.Count > 0 ? string.Join(" ", notes) : null,
            Comparison = sides,
        };
    }

    /// <summary>A side narrows the shared spec to its brand, line and type; a side named only by its label ranks by that label.</summary>
    internal static RequirementSpec SideSpec(RequirementSpec spec, ComparisonOption option) => spec with
    {
        Compare = [],
        ProductType = option.ProductType ?? spec.ProductType,
        BrandPreferences = option.Brand is { } brand ? [brand] : option.Line is null ? spec.BrandPreferences : [],
        ProductLines = option.Line is { } line ? [line] : [],
        Keywords = option.Brand is null && option.Line is null ? option.Label : spec.Keywords,
    };

    private async Task<ClarifyingQuestion?> WayForwardAsync(RequirementSpec spec, RelaxedSearch relaxed, CancellationToken cancellationToken)
    {
        var type = ProductVocabulary.Resolve(spec.ProductType);
        if (type is null && !string.IsNullOrWhiteSpace(spec.ProductType))
        {
            return await scope.NotCarriedAsync(spec.ProductType.Replace('_', ' '), cancellationToken).ConfigureAwait(false);
        }

        var answers = relaxed.WayForward.ToDictionary(w => w.Suggestion, w => w.Spec, StringComparer.Ordinal);
        if (type is not null)
        {
            // Last resort, always there for a type we carry: the type alone, exclusions kept.
            var plain = new RequirementSpec { ProductType = type.Name, ExcludedBrands = spec.ExcludedBrands };
            if ((await search.SearchAsync(plain, cancellationToken).ConfigureAwait(false)).Products.Count > 0)
            {
                answers.TryAdd($"Show all {type.DisplayName}", plain);
            }
        }

        return answers.Count == 0 ? null : new ClarifyingQuestion(
            $"I couldn't find any {SpecText.Describe(spec)}. What should I change?", [.. answers.Keys], RelaxContext) { Answers = answers };
    }
}
