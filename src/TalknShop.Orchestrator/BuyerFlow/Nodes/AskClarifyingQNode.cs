using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>
/// Sends the question chosen by the NeedClarify decision and pauses. The question was stored in
/// <see cref="FlowState.PendingQuestion"/> by the decision; the next user message resumes at
/// BuildRequirementSpec with the whole conversation.
/// </summary>
internal sealed class AskClarifyingQNode(TimeProvider time) : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.AskClarifyingQ;
    public string Stage => Stages.Clarification;
    public string Describe(FlowState state) => "I need one more detail…";

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var question = state.PendingQuestion ?? throw new InvalidOperationException("AskClarifyingQ needs a pending question.");
        if (state.Media?.Notes is { Count: > 0 } notes)
        {
            // An attachment that could not be read is said before the question, in this turn.
            question = question with { Question = string.Join(" ", notes) + " " + question.Question };
        }

        await sink.ClarificationAsync(question, cancellationToken).ConfigureAwait(false);
        var messages = new List<ConversationMessage>(state.Messages) { new("assistant", question.Question, time.GetUtcNow()) };
        return NodeResult<FlowState>.PauseAt(state with
        {
            Messages = messages,
            ClarificationCount = state.ClarificationCount + 1,
            Stage = Stages.Clarification,
        });
    }
}
