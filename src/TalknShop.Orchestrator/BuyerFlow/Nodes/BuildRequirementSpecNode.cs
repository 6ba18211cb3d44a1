using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>
/// Builds or refines the requirement spec from the whole conversation (and media findings). A new
/// product request starts a new search: the clarification count and previous results reset.
/// </summary>
internal sealed class BuildRequirementSpecNode(IRequirementExtractor extractor) : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.BuildRequirementSpec;
    public string Stage => Stages.RequirementBuilding;
    public string Describe(FlowState state) =>
        state.PendingQuestion is null ? "Understanding your request…" : "Adding your answer to the search…";

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var input = state.Input!;
        var answering = state.PendingQuestion is not null;
        if (state.PendingQuestion is { } question && input.Media.Count == 0)
        {
            // A click applies the spec its suggestion was checked with; "no preference" adds nothing.
            var chosen = ClarificationAnswers.Chosen(question, input.Text)
                ?? (ClarificationAnswers.IsNoPreference(input.Text) ? (state.Spec ?? new RequirementSpec()) with { Intent = Intents.Shop, UnsupportedItem = null } : null);
            if (chosen is not null)
            {
                return NodeResult<FlowState>.Next(state with { Spec = chosen, PendingQuestion = null });
            }
        }

        var text = string.Join(" ", new[] { input.Text, state.Media?.Transcript }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var request = new ExtractionRequest(state.Spec, state.Messages, text, state.Media, answering) { Notices = sink };
        var result = await extractor.ExtractAsync(request, cancellationToken).ConfigureAwait(false);

        // Answering "what kind of product?" fills an empty spec: same search, so the count stays.
        var newSearch = result.IsNewSearch && state.Spec is not null;
        return NodeResult<FlowState>.Next(state with
        {
            Spec = result.Spec,
            PendingQuestion = null,
            ClarificationCount = newSearch ? 0 : state.ClarificationCount,
            LastResults = newSearch ? null : state.LastResults,
        });
    }
}
