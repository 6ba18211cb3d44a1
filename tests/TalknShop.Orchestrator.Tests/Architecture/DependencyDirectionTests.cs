using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Architecture;

/// <summary>
/// The dependency graph of the deployable, read from its compiled assembly (see
/// <see cref="AssemblyDependencies"/>): every folder is covered, every arrow between two folders
/// must be one the design allows, and there is no cycle. The composition root (<c>Program</c>)
/// wires every feature and is left out.
/// </summary>
public sealed class DependencyDirectionTests(ITestOutputHelper output)
{
    private const string Hosting = AssemblyDependencies.Hosting;

    /// <summary>
    /// The design (docs/architecture.md), one feature to the features it builds on. A feature may
    /// use what those build on in turn (Turns writes wire events that hold Catalog's products),
    /// never anything above it. Everything may use Diagnostics and the host's shared pieces in the
    /// root namespace (settings, service options); Catalog, Auth and Diagnostics use no feature.
    /// Sessions stores the flow's state, so it builds on the flow's records; it knows nothing of
    /// turns or sockets.
    /// </summary>
    private static readonly Dictionary<string, string[]> Design = new(StringComparer.Ordinal)
    {
        ["Chat"] = ["Turns", "Auth"],
        ["Turns"] = ["BuyerFlow", "Sessions"],
        ["BuyerFlow"] = ["Understanding", "Catalog", "Downstream"],
        ["Understanding"] = ["Catalog", "Llm"],
        ["Downstream"] = ["Catalog"],
        ["Sessions"] = ["BuyerFlow", "Auth"],
        ["Llm"] = [],
        ["Web"] = [],
        ["Catalog"] = [],
        ["Auth"] = [],
        ["Diagnostics"] = [],
        [Hosting] = [],
    };

    /// <summary>Each feature with everything it may use: the design's arrows and what they lead to.</summary>
    private static readonly Dictionary<string, HashSet<string>> Allowed = Design.Keys.ToDictionary(f => f, Reachable, StringComparer.Ordinal);

    /// <summary>
    /// Arrows known to be wrong while they are being removed elsewhere, so one change need not
    /// wait for another (the {Llm, Understanding.Llm, Diagnostics} cycle was one until issue 18's
    /// plumbing part landed). Keep it empty.
    /// </summary>
    private static readonly HashSet<(string From, string To)> KnownViolations = [];

    private static AssemblyDependencies Graph { get; } =
        AssemblyDependencies.Read(typeof(ServiceOptions).Assembly.Location);

    [Fact]
    public void Graph_EveryFolder_IsCoveredByTheDesign()
    {
        Assert.Equal(Design.Keys.Order(StringComparer.Ordinal), Graph.Features.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Graph_EveryArrow_IsOneTheDesignAllows()
    {
        foreach (var ((from, to), example) in Graph.Edges.OrderBy(e => e.Key))
        {
            output.WriteLine($"{from} -> {to}   ({example})");
        }

        var violations = Graph.Edges
            .Where(e => !IsAllowed(e.Key.From, e.Key.To) && !KnownViolations.Contains(e.Key))
            .Select(e => $"{e.Key.From} -> {e.Key.To}: {e.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, "Arrows outside the design:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Graph_HasNoCycle()
    {
        var cycles = Cycles(Graph.Edges.Keys.Where(e => !KnownViolations.Contains(e)).ToList());

        Assert.True(cycles.Count == 0, "Cycles:\n" + string.Join('\n', cycles.Select(c => string.Join(" -> ", c) + $"   ({Graph.Edges[(c[0], c[1])]})")));
    }

    [Fact]
    public void Namespaces_InsideAFeature_HaveNoCycle()
    {
        // Between a feature's sub-folders (Catalog.Ranking and Catalog.Storage); the feature's own
        // root namespace registers them all, so it is left out.
        var inside = Graph.NamespaceEdges.Keys
            .Where(e => IsSubFolder(e.From) && IsSubFolder(e.To) && Feature(e.From) == Feature(e.To))
            .ToList();

        var cycles = Cycles(inside);

        Assert.True(cycles.Count == 0, "Cycles:\n" + string.Join('\n', cycles.Select(c => string.Join(" -> ", c) + $"   ({Graph.NamespaceEdges[(c[0], c[1])]})")));
    }

    [Fact]
    public void FlowEngine_NamesNoTypeOfTheFlowItRuns()
    {
        const string engine = "TalknShop.Orchestrator.BuyerFlow.Engine";

        var uses = Graph.NamespaceEdges.Where(e => e.Key.From == engine).Select(e => e.Value).ToList();

        Assert.True(uses.Count == 0, "The generic engine names:\n" + string.Join('\n', uses));
    }

    private static bool IsSubFolder(string ns) => ns.Count(c => c == '.') >= 3;

    private static string Feature(string ns) => ns.Split('.')[2];

    [Fact]
    public void KnownViolations_StillExist()
    {
        // An exception that no longer matches anything must be removed, so it cannot hide a new arrow.
        Assert.All(KnownViolations, v => Assert.True(Graph.Edges.ContainsKey(v), $"{v.From} -> {v.To} is gone: remove it from KnownViolations"));
    }

    [Fact]
    public void Cycles_TwoFoldersUsingEachOther_AreFound()
    {
        // The cycle finder itself, on a graph with one cycle and one plain arrow.
        var cycles = Cycles([("Chat", "Turns"), ("Turns", "Sessions"), ("Sessions", "Chat"), ("Turns", "Catalog")]);

        var cycle = Assert.Single(cycles);
        Assert.Equal(["Chat", "Turns", "Sessions", "Chat"], cycle);
    }

    private static bool IsAllowed(string from, string to) =>
        to == Hosting
        || to == "Diagnostics" && from != Hosting
        || Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    private static HashSet<string> Reachable(string from)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Design[from]);
        while (pending.TryPop(out var next))
        {
            if (reached.Add(next))
            {
                foreach (var further in Design[next])
                {
                    pending.Push(further);
                }
            }
        }

        return reached;
    }

    /// <summary>One cycle per strongly connected group of folders, as a path that returns to its start.</summary>
    private static List<List<string>> Cycles(IReadOnlyCollection<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (seen.Contains(start) || PathBack(start, start, next, []) is not { } path)
            {
                continue;
            }

            seen.UnionWith(path);
            cycles.Add([start, .. path]);
        }

        return cycles;
    }

    private static List<string>? PathBack(string from, string start, Dictionary<string, List<string>> next, HashSet<string> visited)
    {
        foreach (var to in next.GetValueOrDefault(from) ?? [])
        {
            if (to == start)
            {
                return [to];
            }

            if (visited.Add(to) && PathBack(to, start, next, visited) is { } rest)
            {
                return [to, .. rest];
            }
        }

        return null;
    }
}
