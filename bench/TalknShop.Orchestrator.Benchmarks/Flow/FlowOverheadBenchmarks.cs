using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Taxonomy;
using TalknShop.Orchestrator.Downstream.Media;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Benchmarks.Flow;

/// <summary>
/// What the graph itself costs: one turn through the real engine and nodes with understanding,
/// search and ranking replaced by instant fakes, so only the runner, the state records and the
/// nodes' own work are measured. A search turn enters 5 nodes (ParseInput, BuildRequirementSpec,
/// SearchMarketplaces, RankAndCompose, Done); divide by 5 for the per-node figure.
/// </summary>
[MemoryDiagnoser]
public class FlowOverheadBenchmarks
{
    private static readonly TurnInput Input = new("I need a laptop under $1000", [], IsAnswer: false);
    private BuyerFlowEngine _engine = null!;
    private readonly CountingSink _sink = new();

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IRequirementExtractor, FixedExtractor>()
            .AddSingleton<IClarificationPolicy, NeverAsk>()
            .AddSingleton<IAnswerComposer, ThreePieces>()
            .AddSingleton<IMarketplaceSearch, TenProducts>()
            .AddSingleton<IProductRanker, KeepOrder>()
            .AddSingleton<IMediaService, UnconfiguredMediaService>()
            .AddSingleton(Options.Create(new BuyerFlowOptions()))
            .AddSingleton(Options.Create(new CatalogOptions()))
            // The scope replies read the catalog's vocabulary (the real one, loaded once here).
            .AddLogging()
            .AddSingleton(sp => new CatalogStore(sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CatalogStore>>(), TimeProvider.System))
            .AddSingleton<ICatalogTaxonomy, CatalogTaxonomy>()
            .AddSingleton<BuyerFlowEngine>()
            .BuildServiceProvider();
        _engine = services.GetRequiredService<BuyerFlowEngine>();

        var (state, outcome) = RunTurn().GetAwaiter().GetResult();
        if (outcome != FlowOutcome.Completed || state.LastResults?.Products.Count != 10 || _sink.Progress != 5)
        {
            throw new InvalidOperationException("the benchmark turn did not run the search path");
        }
    }

    [Benchmark]
    public async Task<FlowState> Turn() => (await RunTurn()).Item1;

    private Task<(FlowState, FlowOutcome)> RunTurn() => _engine.RunAsync(new FlowState(), Input, _sink, CancellationToken.None);

    private sealed class CountingSink : IFlowEventSink
    {
        public int Progress;

        public ValueTask ProgressAsync(string step, string stage, string message, CancellationToken cancellationToken)
        {
            Progress = step == NodeNames.ParseInput ? 1 : Progress + 1;
            return ValueTask.CompletedTask;
        }

        public ValueTask TokenAsync(string content, bool isComplete, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask NoticeAsync(string message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask ClarificationAsync(ClarifyingQuestion question, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask ResultsAsync(SearchResults results, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class FixedExtractor : IRequirementExtractor
    {
        private static readonly RequirementSpec Spec = new() { ProductType = "laptop", Price = new PriceRange(null, 1000m) };

        public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ExtractionResult(Spec, IsNewSearch: false));
    }

    private sealed class NeverAsk : IClarificationPolicy
    {
        public Task<ClarifyingQuestion?> DecideAsync(ClarificationRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<ClarifyingQuestion?>(null);
    }

    private sealed class ThreePieces : IAnswerComposer
    {
        public async IAsyncEnumerable<string> ComposeAsync(CompositionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield return "I found ";
            yield return "10 laptops. ";
            yield return "Here are the best.";
        }
    }

    private sealed class TenProducts : IMarketplaceSearch
    {
        private static readonly Product[] Products =
            [.. Enumerable.Range(0, 10).Select(i => new Product { ProductId = $"p{i}", Marketplace = "amazon", Title = $"Laptop {i}", Price = 500 + i })];

        public Task<SearchResults> SearchAsync(RequirementSpec spec, CancellationToken cancellationToken) =>
            Task.FromResult(SearchResults.Found(spec, Products, 10, ["amazon"]));
    }

    private sealed class KeepOrder : IProductRanker
    {
        public IReadOnlyList<Product> Rank(RequirementSpec spec, IReadOnlyList<Product> candidates, int top) => candidates;
    }
}
