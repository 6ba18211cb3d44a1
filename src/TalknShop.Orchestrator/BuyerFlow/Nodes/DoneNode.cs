using TalknShop.Orchestrator.BuyerFlow.Engine;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>Marks the search complete and clears the turn's working fields.</summary>
internal sealed class DoneNode : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.Done;
    public string Stage => Stages.Completed;
    public string Describe(FlowState state) => "All done.";

    public ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken) =>
        ValueTask.FromResult(NodeResult<FlowState>.Finish(state with { Stage = Stages.Completed }));
}
