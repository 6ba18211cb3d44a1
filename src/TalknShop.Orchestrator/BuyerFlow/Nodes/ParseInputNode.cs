using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>Adds the user's message to the conversation and clears what belonged to the previous turn.</summary>
internal sealed class ParseInputNode(TimeProvider time) : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.ParseInput;
    public string Stage => Stages.Initial;
    public string Describe(FlowState state) => "Reading your message…";

    public ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var input = state.Input ?? throw new InvalidOperationException("ParseInput needs the turn's input.");
        var content = input.Text.Length > 0 ? input.Text : DescribeMedia(input);
        var messages = new List<ConversationMessage>(state.Messages) { new("user", content, time.GetUtcNow()) };
        return ValueTask.FromResult(NodeResult<FlowState>.Next(state with { Messages = messages, Media = null }));
    }

    private static string DescribeMedia(TurnInput input) =>
        "[" + string.Join(", ", input.Media.Select(m => m.MediaType)) + " attached]";
}
