namespace TalknShop.Orchestrator.BuyerFlow.Engine;

/// <summary>How a run ended.</summary>
internal enum FlowOutcome
{
    Completed,
    Paused,
}

/// <summary>
/// Runs a <see cref="FlowGraph{TState, TSink}"/> from a node until a node pauses or completes. Emits one
/// <c>progress</c> per node entered; cancellation is observed at every node boundary (and inside
/// nodes through the token). State is immutable, so a cancelled or failed run leaves the last
/// good state with the caller.
/// </summary>
internal static class FlowRunner
{
    public static async Task<(TState State, FlowOutcome Outcome)> RunAsync<TState, TSink>(
        FlowGraph<TState, TSink> graph,
        TState state,
        string startNode,
        TSink sink,
        Func<TState, IFlowNode<TState, TSink>, TState> enterNode,
        CancellationToken cancellationToken)
        where TSink : IFlowProgress
    {
        var current = startNode;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = graph[current];
            state = enterNode(state, node);
            await sink.ProgressAsync(node.Name, node.Stage, node.Describe(state), cancellationToken).ConfigureAwait(false);

            var result = await node.RunAsync(state, sink, cancellationToken).ConfigureAwait(false);
            state = result.State;
            switch (result.Signal)
            {
                case NodeSignal.Pause:
                    return (state, FlowOutcome.Paused);
                case NodeSignal.Complete:
                    return (state, FlowOutcome.Completed);
            }

            cancellationToken.ThrowIfCancellationRequested();
            (var next, state) = await graph.NextAsync(current, state, sink, cancellationToken).ConfigureAwait(false);
            current = next ?? throw new InvalidOperationException($"Flow node '{current}' continued but has no outgoing edge.");
        }
    }
}
