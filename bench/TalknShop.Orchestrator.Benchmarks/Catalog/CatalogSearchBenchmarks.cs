using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Ranking;
using TalknShop.Orchestrator.Catalog.Search;
using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Benchmarks.Catalog;

/// <summary>Search over the full built-in catalog for representative specs, and the cost of loading it.</summary>
[MemoryDiagnoser]
public class CatalogSearchBenchmarks
{
    private static readonly RequirementSpec LaptopBudgetRam = new()
    {
        ProductType = "laptop",
        Price = new(null, 1000m),
        Attributes = { ["ram_gb"] = AttributeConstraint.AtLeast(16) },
    };

    private static readonly RequirementSpec BigTv = new()
    {
        ProductType = "tv",
        Price = new(400m, 1500m),
        Attributes = { ["screen_inches"] = AttributeConstraint.AtLeast(55) },
        BrandPreferences = ["Samsung", "LG", "Sony"],
    };

    private static readonly RequirementSpec KeywordHeadphones = new()
    {
        ProductType = "headphones",
        Keywords = "noise cancelling over-ear bose",
        RatingMin = 4.0,
    };

    private static readonly RequirementSpec BroadShoes = new() { ProductType = "shoes" };

    private CatalogStore _store = null!;
    private BuiltInCatalogSource _source = null!;
    private readonly ProductRanker _ranker = new();

    [GlobalSetup]
    public void Setup()
    {
        _store = new CatalogStore(NullLogger<CatalogStore>.Instance, TimeProvider.System);
        _source = new BuiltInCatalogSource(_store, NullLogger<BuiltInCatalogSource>.Instance, TimeProvider.System);
        foreach (var spec in (RequirementSpec[])[LaptopBudgetRam, BigTv, KeywordHeadphones, BroadShoes])
        {
            if (Search(spec).Products.Count == 0)
            {
                throw new InvalidOperationException($"Benchmark spec for {spec.ProductType} found nothing.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public SearchResults LaptopUnderBudgetWithRam() => Search(LaptopBudgetRam);

    [Benchmark]
    public SearchResults BigTvFromPreferredBrands() => Search(BigTv);

    [Benchmark]
    public SearchResults HeadphonesByKeywords() => Search(KeywordHeadphones);

    [Benchmark]
    public SearchResults ShoesTypeOnly() => Search(BroadShoes);

    [Benchmark]
    public IReadOnlyList<Product> LaptopSearchAndRankTop10()
    {
        var result = Search(LaptopBudgetRam);
        return _ranker.Rank(LaptopBudgetRam, result.Products, 10);
    }

    /// <summary>Start-up cost: decompress, parse and index the whole catalog into a fresh in-memory database.</summary>
    [Benchmark]
    public int LoadCatalog()
    {
        using var store = new CatalogStore(NullLogger<CatalogStore>.Instance, TimeProvider.System);
        return store.Catalog.Products.Count;
    }

    private SearchResults Search(RequirementSpec spec) =>
        _source.SearchAsync(spec, 200, CancellationToken.None).GetAwaiter().GetResult();
}
