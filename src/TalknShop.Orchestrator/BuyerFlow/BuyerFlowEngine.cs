using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>Runs one user message through the buyer flow: a fresh run, or the resume of a paused one.</summary>
internal sealed class BuyerFlowEngine
{
    private readonly FlowGraph<FlowState, IFlowEventSink> _graph;
    private readonly TimeProvider _time;
    private readonly int _maxMessages;

    public BuyerFlowEngine(IServiceProvider services, IClarificationPolicy clarification, IOptions<BuyerFlowOptions> options, TimeProvider time)
    {
        _graph = BuyerFlowGraph.Create(services, clarification, options.Value.MaxClarificationLoops);
        _maxMessages = options.Value.MaxConversationMessages;
        _time = time;
    }

    public async Task<(FlowState State, FlowOutcome Outcome)> RunAsync(FlowState state, TurnInput input, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        state = state with { Input = input, Media = null };
        var start = _graph.Start;
        if (state.PendingQuestion is not null && input.Media.Count == 0)
        {
            // A clarification answer resumes where the flow paused: the spec is rebuilt from the
            // whole conversation, nothing before it runs again.
            var messages = new List<ConversationMessage>(state.Messages) { new("user", input.Text, _time.GetUtcNow()) };
            state = state with { Messages = messages };
            start = NodeNames.BuildRequirementSpec;
        }

        var (final, outcome) = await FlowRunner.RunAsync(_graph, state, start, sink, static (s, node) => s with { Stage = node.Stage }, cancellationToken)
            .ConfigureAwait(false);
        // The conversation kept with the session is bounded: every turn saves the whole state,
        // and an ever-growing history would make each save slower than the last.
        var kept = final.Messages.Count > _maxMessages ? final.Messages[^_maxMessages..] : final.Messages;
        return (final with { Input = null, Messages = kept }, outcome);
    }
}
