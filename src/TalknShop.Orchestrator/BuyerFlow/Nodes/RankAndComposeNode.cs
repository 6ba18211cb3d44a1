using System.Text;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>Ranks the found products, streams the composed answer as tokens, then sends <c>results</c>.</summary>
internal sealed class RankAndComposeNode(IProductRanker ranker, IAnswerComposer composer, IOptions<CatalogOptions> options, TimeProvider time)
    : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.RankAndCompose;
    public string Stage => Stages.Ranking;
    public string Describe(FlowState state) => "Comparing the best matches…";

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var found = state.LastResults ?? throw new InvalidOperationException("RankAndCompose needs search results.");
        // Ranked against what the shopper asked, so a relaxed constraint shows as a miss ("over your
        // $500 budget"), never as something they said; the answer describes what was searched.
        var ranked = ranker.Rank(state.Spec ?? found.RequirementSpec, found.Products, options.Value.TopN);
        var sides = new List<ComparedSide>();
        if (state.Comparison.Count >= 2)
        {
            // Each side ranked on its own and interleaved, so the best of every side is shown.
            var perSide = Math.Max(1, options.Value.TopN / state.Comparison.Count);
            foreach (var side in state.Comparison)
            {
                var ids = side.ProductIds.ToHashSet(StringComparer.Ordinal);
                sides.Add(new ComparedSide(side.Label, ranker.Rank(side.Spec, [.. found.Products.Where(p => ids.Contains(p.ProductId))], perSide), side.TotalMatched));
            }

            ranked = [.. Interleave(sides.Select(s => s.Products)).DistinctBy(p => (p.Marketplace, p.ProductId))];
        }

        List<string> notes = [.. state.Media?.Notes ?? [], .. state.SearchNote is { } searchNote ? [searchNote] : Array.Empty<string>()];
        var answer = new StringBuilder();
        foreach (var note in notes)
        {
            await Emit(note + " ").ConfigureAwait(false);
        }

        var request = new CompositionRequest(found.RequirementSpec, ranked, found.TotalCount, found.MarketplacesSearched, found.FailedSources, state.Messages) { Sides = sides, Notices = sink };
        await foreach (var piece in composer.ComposeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            await Emit(piece).ConfigureAwait(false);
        }

        await sink.TokenAsync("", isComplete: true, cancellationToken).ConfigureAwait(false);

        var results = found with { Products = ranked, FinalResponse = answer.ToString().Trim() };
        await sink.ResultsAsync(results, cancellationToken).ConfigureAwait(false);

        var messages = new List<ConversationMessage>(state.Messages) { new("assistant", results.FinalResponse, time.GetUtcNow()) };
        return NodeResult<FlowState>.Next(state with { LastResults = results, Messages = messages, SearchNote = null });

        static IEnumerable<Product> Interleave(IEnumerable<IReadOnlyList<Product>> lists)
        {
            var all = lists.ToList();
            for (var i = 0; all.Exists(l => i < l.Count); i++)
            {
                foreach (var list in all.Where(l => i < l.Count))
                {
                    yield return list[i];
                }
            }
        }

        async Task Emit(string piece)
        {
            if (piece.Length == 0)
            {
                return;
            }

            answer.Append(piece);
            await sink.TokenAsync(piece, isComplete: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
