using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.BuyerFlow.Nodes;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>Node and decision names: the <c>progress.step</c> values clients see.</summary>
public static class NodeNames
{
    public const string ParseInput = "ParseInput";
    public const string NeedMediaOps = "NeedMediaOps";
    public const string TranscribeAudio = "TranscribeAudio";
    public const string ExtractImageAttrs = "ExtractImageAttrs";
    public const string BuildRequirementSpec = "BuildRequirementSpec";
    public const string NeedClarify = "NeedClarify";
    public const string AskClarifyingQ = "AskClarifyingQ";
    public const string SearchMarketplaces = "SearchMarketplaces";
    public const string FoundAny = "FoundAny";
    public const string RankAndCompose = "RankAndCompose";
    public const string Done = "Done";
}

/// <summary>
/// The buyer flow, declared in one place:
/// <code>
/// ParseInput ─NeedMediaOps─┬─ audio ─→ TranscribeAudio ─(image too?)─┬─→ ExtractImageAttrs ─┐
///                          ├─ image ────────────────────────────────┘                       │
///                          └─ none ──────────────────────────────────────────────────────────┴─→ BuildRequirementSpec
/// BuildRequirementSpec ─NeedClarify─┬─ vague, or not a search ─→ AskClarifyingQ (pause; the answer resumes at BuildRequirementSpec)
///                                   └─ clear ─→ SearchMarketplaces ─FoundAny─┬─ products ─→ RankAndCompose → Done
///                                                                            └─ none, even relaxed ─→ AskClarifyingQ (suggestions that find products)
/// </code>
/// </summary>
internal static class BuyerFlowGraph
{
    public static FlowGraph<FlowState, IFlowEventSink> Create(IServiceProvider services, IClarificationPolicy clarification, int maxClarifications)
    {
        T Node<T>() where T : IFlowNode<FlowState, IFlowEventSink> => ActivatorUtilities.CreateInstance<T>(services);
        var search = services.GetRequiredService<IMarketplaceSearch>();
        var scope = ActivatorUtilities.CreateInstance<ScopeReplies>(services);

        return new FlowGraph<FlowState, IFlowEventSink>(NodeNames.ParseInput)
            .Node(Node<ParseInputNode>())
            .Node(Node<TranscribeAudioNode>())
            .Node(Node<ExtractImageAttrsNode>())
            .Node(Node<BuildRequirementSpecNode>())
            .Node(Node<AskClarifyingQNode>())
            .Node(new SearchMarketplacesNode(search, scope))
            .Node(Node<RankAndComposeNode>())
            .Node(new DoneNode())
            .Decision(NodeNames.ParseInput, NodeNames.NeedMediaOps, (s, _, _) => Route(
                Has(s, "audio") ? NodeNames.TranscribeAudio : Has(s, "image") ? NodeNames.ExtractImageAttrs : NodeNames.BuildRequirementSpec, s))
            .Decision(NodeNames.TranscribeAudio, NodeNames.NeedMediaOps, (s, _, _) => Route(
                Has(s, "image") ? NodeNames.ExtractImageAttrs : NodeNames.BuildRequirementSpec, s))
            .Edge(NodeNames.ExtractImageAttrs, NodeNames.BuildRequirementSpec)
            .Decision(NodeNames.BuildRequirementSpec, NodeNames.NeedClarify, NeedClarifyAsync)
            .Decision(NodeNames.SearchMarketplaces, NodeNames.FoundAny, (s, _, _) => Route(
                s.PendingQuestion is not null ? NodeNames.AskClarifyingQ : NodeNames.RankAndCompose, s))
            .Edge(NodeNames.RankAndCompose, NodeNames.Done)
            .Validate();

        async ValueTask<(string, FlowState)> NeedClarifyAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
        {
            // The decision only chooses; AskClarifyingQ sends. It must never return an empty
            // question (the original could loop on a null one), and the cap always wins.
            var spec = state.Spec!;
            if (await scope.ForAsync(spec, cancellationToken).ConfigureAwait(false) is { } reply)
            {
                return (NodeNames.AskClarifyingQ, state with { PendingQuestion = reply });
            }

            if (state.ClarificationCount >= maxClarifications)
            {
                return (NodeNames.SearchMarketplaces, state);
            }

            var request = new ClarificationRequest(spec, state.Messages, state.ClarificationCount, maxClarifications) { Notices = sink };
            var question = await clarification.DecideAsync(request, cancellationToken).ConfigureAwait(false);
            if (question is not null)
            {
                question = await SuggestionCheck.CheckAsync(search, spec, question, cancellationToken).ConfigureAwait(false);
            }

            return question is null || string.IsNullOrWhiteSpace(question.Question)
                ? (NodeNames.SearchMarketplaces, state)
                : (NodeNames.AskClarifyingQ, state with { PendingQuestion = question });
        }
    }

    private static ValueTask<(string, FlowState)> Route(string next, FlowState state) => ValueTask.FromResult((next, state));

    private static bool Has(FlowState state, string mediaType) =>
        state.Input?.Media.Any(m => m.MediaType == mediaType) == true;
}
