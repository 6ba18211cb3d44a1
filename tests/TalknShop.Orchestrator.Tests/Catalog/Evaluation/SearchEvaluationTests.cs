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

    /// <summary>
    /// The held-out set, written before the search changed and never tuned on. The targets are the
    /// issue's: at most 1 % empty answers where the catalog has matches, at most one question before
    /// products for a named type, every suggestion click showing products.
    /// </summary>
    [Fact]
    public async Task HeldOutSet_MeetsTheSearchTargets()
    {
        var figures = await RunAsync("heldout");

        Assert.True(figures.Cases > 100);
        Assert.True(figures.EmptyShare <= 0.01, figures.Report("heldout"));
        Assert.True(figures.MaxQuestionsNamedType <= 1, figures.Report("heldout"));
        Assert.Equal(figures.Clicks, figures.ClicksWithProducts);
    }

    [Fact]
    public async Task DevelopmentSet_MeetsTheSearchTargets()
    {
        var figures = await RunAsync("dev");

        Assert.True(figures.EmptyShare <= 0.01, figures.Report("dev"));
        Assert.True(figures.MaxQuestionsNamedType <= 1, figures.Report("dev"));
        Assert.Equal(figures.Clicks, figures.ClicksWithProducts);
    }

    private async Task<EvaluationFigures> RunAsync(string set)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var figures = await SearchEvaluation.RunAsync(_host, EvaluationCase.Load(set + ".txt"), timeout.Token);
        output.WriteLine(figures.Report(set));
        return figures;
    }
}
