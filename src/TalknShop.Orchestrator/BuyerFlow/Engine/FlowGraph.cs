namespace TalknShop.Orchestrator.BuyerFlow.Engine;

/// <summary>What a node tells the runner to do next.</summary>
internal enum NodeSignal
{
    /// <summary>Follow the node's outgoing edge.</summary>
    Continue,
    /// <summary>Stop here and save; the next user message resumes the flow.</summary>
    Pause,
    /// <summary>The flow is finished.</summary>
    Complete,
}

internal readonly record struct NodeResult<TState>(TState State, NodeSignal Signal)
{
    public static NodeResult<TState> Next(TState state) => new(state, NodeSignal.Continue);
    public static NodeResult<TState> PauseAt(TState state) => new(state, NodeSignal.Pause);
    public static NodeResult<TState> Finish(TState state) => new(state, NodeSignal.Complete);
}

/// <summary>
/// One step of a flow. Nodes are stateless singletons; all state travels in <typeparamref name="TState"/>,
/// and what they report goes to the flow's own <typeparamref name="TSink"/>.
/// </summary>
internal interface IFlowNode<TState, in TSink>
    where TSink : IFlowProgress
{
    /// <summary>Node name, also the <c>progress.step</c> clients see.</summary>
    string Name { get; }

    /// <summary>Workflow stage while this node runs (UPPERCASE, e.g. <c>SEARCHING</c>).</summary>
    string Stage { get; }

    /// <summary>A sentence for people describing what the node is doing for this state.</summary>
    string Describe(TState state);

    ValueTask<NodeResult<TState>> RunAsync(TState state, TSink sink, CancellationToken cancellationToken);
}

/// <summary>
/// A routing decision between nodes; it emits no progress of its own. It may annotate the state
/// with what it learned while deciding (the clarifying question), so that work is not done twice;
/// what it calls may report through <paramref name="sink"/>.
/// </summary>
internal delegate ValueTask<(string Next, TState State)> FlowDecision<TState, in TSink>(TState state, TSink sink, CancellationToken cancellationToken);

/// <summary>
/// A fixed, declared graph: nodes by name and, for each node, either a fixed successor or a named
/// decision. Built once at start and validated so a typo in an edge fails at start, not mid-turn.
/// </summary>
internal sealed class FlowGraph<TState, TSink>
    where TSink : IFlowProgress
{
    private readonly Dictionary<string, IFlowNode<TState, TSink>> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _edges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, FlowDecision<TState, TSink> Decide)> _decisions = new(StringComparer.Ordinal);

    public FlowGraph(string start) => Start = start;

    public string Start { get; }

    public FlowGraph<TState, TSink> Node(IFlowNode<TState, TSink> node)
    {
        _nodes.Add(node.Name, node);
        return this;
    }

    public FlowGraph<TState, TSink> Edge(string from, string to)
    {
        _edges.Add(from, to);
        return this;
    }

    public FlowGraph<TState, TSink> Decision(string from, string decisionName, FlowDecision<TState, TSink> decide)
    {
        _decisions.Add(from, (decisionName, decide));
        return this;
    }

    public IFlowNode<TState, TSink> this[string name] =>
        _nodes.TryGetValue(name, out var node) ? node : throw new InvalidOperationException($"Unknown flow node '{name}'.");

    public bool Contains(string name) => _nodes.ContainsKey(name);

    /// <summary>The node after <paramref name="from"/> (null when it has no way out) and the state to enter it with.</summary>
    public async ValueTask<(string? Next, TState State)> NextAsync(string from, TState state, TSink sink, CancellationToken cancellationToken)
    {
        if (_edges.TryGetValue(from, out var to))
        {
            return (to, state);
        }

        if (_decisions.TryGetValue(from, out var decision))
        {
            var (next, decided) = await decision.Decide(state, sink, cancellationToken).ConfigureAwait(false);
            return Contains(next) ? (next, decided) : throw new InvalidOperationException($"Decision '{decision.Name}' chose unknown node '{next}'.");
        }

        return (null, state);
    }

    /// <summary>Checks that the start node and every fixed edge name real nodes.</summary>
    public FlowGraph<TState, TSink> Validate()
    {
        var missing = _edges.SelectMany(e => new[] { e.Key, e.Value })
            .Concat(_decisions.Keys)
            .Append(Start)
            .Where(n => !Contains(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return missing.Count == 0 ? this : throw new InvalidOperationException($"Flow graph names unknown nodes: {string.Join(", ", missing)}.");
    }
}
