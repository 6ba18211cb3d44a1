using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Search;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class MarketplaceSearchTests
{
    private static readonly RequirementSpec Spec = new() { ProductType = "laptop" };

    [Fact]
    public async Task SearchAsync_OneSourceThrows_ReturnsOthersAndNamesFailedSource()
    {
        var search = Search(new FakeSource("good", Listing("a", "amazon")), new FakeSource("broken") { Failure = new HttpRequestException("503") });

        var outcome = await search.SearchAsync(Spec, Timeout());

        Assert.Equal(["a"], outcome.Products.Select(p => p.ProductId));
        Assert.Equal(["broken"], outcome.FailedSources);
        Assert.Equal(["amazon"], outcome.MarketplacesSearched);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SearchAsync_OneSourceTimesOut_ReturnsOthersPromptly(bool sourceHonoursToken)
    {
        var slow = new FakeSource("slow", Listing("late", "ebay")) { Delay = TimeSpan.FromSeconds(30), HonoursToken = sourceHonoursToken };
        var search = Search(new FakeSource("fast", Listing("a", "walmart")), slow);
        var started = TimeProvider.System.GetTimestamp();

        var outcome = await search.SearchAsync(Spec, Timeout());

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        Assert.Equal(["a"], outcome.Products.Select(p => p.ProductId));
        Assert.Equal(["slow"], outcome.FailedSources);
        Assert.Equal(["walmart"], outcome.MarketplacesSearched);
    }

    [Fact]
    public async Task SearchAsync_AllSourcesFail_ReturnsEmptyOutcomeNamingEverySource()
    {
        var search = Search(new FakeSource("one") { Failure = new InvalidOperationException() }, new FakeSource("two") { Delay = TimeSpan.FromSeconds(30) });

        var outcome = await search.SearchAsync(Spec, Timeout());

        Assert.Empty(outcome.Products);
        Assert.Equal(0, outcome.TotalCount);
        Assert.Empty(outcome.MarketplacesSearched);
        Assert.Equal(["one", "two"], outcome.FailedSources);
    }

    [Fact]
    public async Task SearchAsync_CallerCancels_ThrowsInsteadOfReportingFailedSources()
    {
        var search = Search(new FakeSource("slow") { Delay = TimeSpan.FromSeconds(30) }, timeoutSeconds: 20);
        using var turn = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = TimeProvider.System.GetTimestamp();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search.SearchAsync(Spec, turn.Token));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SearchAsync_SameListingFromTwoSources_IsMergedOnce()
    {
        var first = new FakeSource("first", Listing("B01", "amazon") with { Price = null }, Listing("X1", "walmart", "Dell XPS 15, 16GB"));
        var second = new FakeSource("second", Listing("B01", "amazon"), Listing("Y9", "walmart", "DELL xps-15 16GB"), Listing("Y9", "ebay"));

        var outcome = await Search(first, second).SearchAsync(Spec, Timeout());

        Assert.Equal(["B01", "X1", "Y9"], outcome.Products.Select(p => p.ProductId));
        Assert.Equal(99m, outcome.Products[0].Price);
        Assert.Equal(3, outcome.TotalCount);
        Assert.Equal(["amazon", "walmart", "ebay"], outcome.MarketplacesSearched);
        Assert.Empty(outcome.FailedSources);
    }

    [Fact]
    public async Task SearchAsync_SourcesRunConcurrently()
    {
        // Each source only answers once all four have been called: run one after another, the
        // first would wait for the others until its timeout and the search would come back empty.
        var allCalled = new CountdownEvent(4);
        var sources = Enumerable.Range(0, 4).Select(i => new FakeSource($"s{i}", Listing($"p{i}", "amazon")) { Barrier = allCalled }).ToArray();

        var outcome = await Search(sources, timeoutSeconds: 5).SearchAsync(Spec, Timeout());

        Assert.Equal(4, outcome.Products.Count);
        Assert.Empty(outcome.FailedSources);
    }

    [Fact]
    public async Task SearchAsync_WithBuiltInSource_ReturnsCatalogProducts()
    {
        var search = Search([TestCatalog.Source()], timeoutSeconds: 10);

        var outcome = await search.SearchAsync(new RequirementSpec { ProductType = "air_fryer" }, Timeout());

        Assert.Equal(200, outcome.Products.Count);
        Assert.Contains("kroger", outcome.MarketplacesSearched);
        Assert.Empty(outcome.FailedSources);
    }

    [Fact]
    public async Task SearchAsync_OneSourceListingTheSameTwice_IsMergedOnce()
    {
        var search = Search(new FakeSource("repeats", Listing("X1", "walmart", "Dell XPS 15, 16GB"), Listing("Y9", "walmart", "DELL xps-15 16GB"), Listing("X1", "walmart", "Other")));

        var outcome = await search.SearchAsync(Spec, Timeout());

        Assert.Equal(["X1"], outcome.Products.Select(p => p.ProductId));
        Assert.Equal(1, outcome.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_OneSourceDeclaringDistinctListings_KeepsItsAnswerAsItIs()
    {
        var source = new FakeSource("distinct", Listing("X1", "walmart", "Dell XPS 15, 16GB"), Listing("Y9", "walmart", "DELL xps-15 16GB")) { Distinct = true };

        var outcome = await Search(source).SearchAsync(Spec, Timeout());

        Assert.Equal(["X1", "Y9"], outcome.Products.Select(p => p.ProductId));
        Assert.Equal(2, outcome.TotalCount);
    }

    [Fact]
    public async Task BuiltInCatalog_ListsEachListingOnce_SoItsAnswerNeedsNoMerge()
    {
        Assert.True(TestCatalog.Source().ListingsDistinct);
        foreach (var type in TestCatalog.Store.Catalog.Products.Select(p => p.ProductType).Distinct())
        {
            var answer = await TestCatalog.SearchAsync(new RequirementSpec { ProductType = type });
            var (merged, total) = ProductMerger.Merge([answer]);

            Assert.Equal(answer.Products.Count, merged.Count);
            Assert.Equal(answer.TotalCount, total);
        }
    }

    private static MarketplaceSearch Search(params IProductSource[] sources) => Search(sources, timeoutSeconds: 0.3);

    private static MarketplaceSearch Search(IProductSource source, double timeoutSeconds) => Search([source], timeoutSeconds);

    private static MarketplaceSearch Search(IProductSource[] sources, double timeoutSeconds) =>
        new(sources, Options.Create(new CatalogOptions { SourceTimeoutSeconds = timeoutSeconds }), NullLogger<MarketplaceSearch>.Instance, TimeProvider.System);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static Product Listing(string id, string marketplace, string? title = null) =>
        new() { ProductId = id, Marketplace = marketplace, Title = title ?? $"Listing {id}", Price = 99m };

    private sealed class FakeSource(string name, params Product[] products) : IProductSource
    {
        public string Name => name;
        public Exception? Failure { get; init; }
        public TimeSpan Delay { get; init; }
        public bool HonoursToken { get; init; } = true;
        public CountdownEvent? Barrier { get; init; }
        public bool Distinct { get; init; }

        public bool ListingsDistinct => Distinct;

        public async Task<SearchResults> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
        {
            if (Barrier is not null)
            {
                Barrier.Signal();
                await Task.Run(() => Barrier.Wait(cancellationToken), cancellationToken);
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, HonoursToken ? cancellationToken : CancellationToken.None);
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            return SearchResults.Found(spec, products, products.Length, [.. products.Select(p => p.Marketplace).Distinct()]);
        }
    }
}
