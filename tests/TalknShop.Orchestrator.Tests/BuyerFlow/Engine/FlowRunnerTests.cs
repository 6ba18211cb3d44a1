using TalknShop.Orchestrator.BuyerFlow.Engine;

namespace TalknShop.Orchestrator.Tests.BuyerFlow.Engine;

/// <summary>The generic runner and graph on a toy flow: state is a list of the nodes that ran.</summary>
public sealed class FlowRunnerTests
{
    private sealed class Progress : IFlowProgress
    {
        public List<string> Steps { get; } = [];

        public ValueTask ProgressAsync(string step, string stage, string message, CancellationToken cancellationToken)
        {
            Steps.Add($"{step}/{stage}/{message}");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Step(string name, NodeSignal signal = NodeSignal.Continue, Action? onRun = null) : IFlowNode<IReadOnlyList<string>, Progress>
    {
        public string Name => name;

        public string Stage => name.ToUpperInvariant();

        public string Describe(IReadOnlyList<string> state) => $"after {state.Count}";

        public ValueTask<NodeResult<IReadOnlyList<string>>> RunAsync(IReadOnlyList<string> state, Progress sink, CancellationToken cancellationToken)
        {
            onRun?.Invoke();
            return ValueTask.FromResult(new NodeResult<IReadOnlyList<string>>([.. state, name], signal));
        }
    }

    private static Task<(IReadOnlyList<string> State, FlowOutcome Outcome)> Run(FlowGraph<IReadOnlyList<string>, Progress> graph, Progress sink, string? from = null, CancellationToken cancellationToken = default) =>
        FlowRunner.RunAsync(graph, [], from ?? graph.Start, sink, static (s, _) => s, cancellationToken);

    [Fact]
    public async Task RunAsync_EdgesAndADecision_RunsNodesInOrderWithOneProgressEachUntilComplete()
    {
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>("a")
            .Node(new Step("a")).Node(new Step("b")).Node(new Step("c")).Node(new Step("end", NodeSignal.Complete))
            .Edge("a", "b")
            .Decision("b", "pick", (s, _, _) => ValueTask.FromResult((s.Count > 5 ? "c" : "end", s)))
            .Validate();
        var sink = new Progress();

        var (state, outcome) = await Run(graph, sink);

        Assert.Equal(FlowOutcome.Completed, outcome);
        Assert.Equal(["a", "b", "end"], state);
        Assert.Equal(["a/A/after 0", "b/B/after 1", "end/END/after 2"], sink.Steps);
    }

    [Fact]
    public async Task RunAsync_NodePauses_StopsThereAndResumeStartsAtTheNamedNode()
    {
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>("a")
            .Node(new Step("a")).Node(new Step("ask", NodeSignal.Pause)).Node(new Step("end", NodeSignal.Complete))
            .Edge("a", "ask").Edge("ask", "end")
            .Validate();

        var paused = await Run(graph, new Progress());
        var resumed = await Run(graph, new Progress(), from: "end");

        Assert.Equal(FlowOutcome.Paused, paused.Outcome);
        Assert.Equal(["a", "ask"], paused.State);
        Assert.Equal(["end"], resumed.State);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileANodeRuns_StopsAtTheNextBoundary()
    {
        using var cancel = new CancellationTokenSource();
        var ran = new List<string>();
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>("a")
            .Node(new Step("a", onRun: () => { ran.Add("a"); cancel.Cancel(); }))
            .Node(new Step("b", NodeSignal.Complete, () => ran.Add("b")))
            .Edge("a", "b")
            .Validate();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(graph, new Progress(), cancellationToken: cancel.Token));

        Assert.Equal(["a"], ran);
    }

    [Fact]
    public async Task RunAsync_NodeContinuesWithoutAnEdge_FailsNamingIt()
    {
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>("a").Node(new Step("a")).Validate();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Run(graph, new Progress()));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DecisionChoosesAnUnknownNode_Fails()
    {
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>("a")
            .Node(new Step("a"))
            .Decision("a", "broken", (s, _, _) => ValueTask.FromResult(("nowhere", s)))
            .Validate();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Run(graph, new Progress()));

        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("edge-from")]
    [InlineData("edge-to")]
    [InlineData("decision")]
    public void Validate_NameOfNoNode_FailsAtBuildTimeNamingIt(string where)
    {
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>(where == "start" ? "typo" : "a").Node(new Step("a")).Node(new Step("b"));
        _ = where switch
        {
            "edge-from" => graph.Edge("typo", "b"),
            "edge-to" => graph.Edge("a", "typo"),
            "decision" => graph.Decision("typo", "pick", (s, _, _) => ValueTask.FromResult(("a", s))),
            _ => graph,
        };

        var error = Assert.Throws<InvalidOperationException>(() => graph.Validate());

        Assert.Contains("typo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryNameKnown_ReturnsTheGraph()
    {
        var graph = new FlowGraph<IReadOnlyList<string>, Progress>("a").Node(new Step("a")).Node(new Step("b")).Edge("a", "b");

        Assert.Same(graph, graph.Validate());
    }
}
