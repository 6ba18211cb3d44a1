using TalknShop.Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Catalog.Evaluation;

/// <summary>
/// Runs the evaluation sets against the assistant as <c>dotnet run</c> serves it (built-in catalog,
/// offline understanding) and prints the figures. See README, "Search quality".
/// </summary>
public sealed class SearchEvaluationTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Hundreds of conversations in a minute from one test user: the per-user message limit would refuse them.</summary>
    internal static readonly Dictionary<string, string?> ShopperHostSettings = new()
    {
        ["RATE_LIMIT_PER_USER"] = "100000",
        ["MAX_CONNECTIONS_PER_USER"] = "10000",
    };

    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(ShopperHostSettings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HeldOutSet_MeetsTheSearchTargets()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var figures = await SearchEvaluation.RunAsync(_host, EvaluationCase.Load("heldout.txt"), timeout.Token);
        output.WriteLine(figures.Report("heldout"));
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "search-evaluation-heldout.txt"), figures.Report("heldout"));

        Assert.True(figures.Cases > 100);
    }
}
