using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Ranking;
using TalknShop.Orchestrator.Catalog.Search;
using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Taxonomy;

namespace TalknShop.Orchestrator.Benchmarks.Catalog;

/// <summary>
/// p50/p99 of built-in search plus ranking over varied specs, through <see cref="MarketplaceSearch"/>
/// as a turn runs it (the source, the merge, the ranking):
/// <c>dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- catalog-latency [count]</c>.
/// </summary>
internal static class CatalogLatency
{
    private static readonly string[] Keywords = ["gaming", "wireless", "pro", "black", "noise cancelling", "4k", "lightweight", "stainless steel", "running", "\"quoted\" NEAR -x*"];

    public static void Run(int count)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        using var store = new CatalogStore(NullLogger<CatalogStore>.Instance, time);
        var products = store.Catalog.Products.Count;
        var load = time.GetElapsedTime(started);

        var taxonomy = new CatalogTaxonomy(store);
        var source = new MarketplaceSearch(
            [new BuiltInCatalogSource(store, NullLogger<BuiltInCatalogSource>.Instance, time)],
            Options.Create(new CatalogOptions()), NullLogger<MarketplaceSearch>.Instance, time);
        var ranker = new ProductRanker();
        var specs = Specs(taxonomy, count);

        // Warm the JIT and SQLite statement paths before measuring.
        foreach (var spec in specs.Take(50))
        {
            ranker.Rank(spec, source.SearchAsync(spec, CancellationToken.None).GetAwaiter().GetResult().Products, 10);
        }

        var samples = new double[specs.Count];
        var empty = 0;
        // Every thread's allocations: the search runs its source on the thread pool.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < specs.Count; i++)
        {
            var begin = time.GetTimestamp();
            var result = source.SearchAsync(specs[i], CancellationToken.None).GetAwaiter().GetResult();
            ranker.Rank(specs[i], result.Products, 10);
            samples[i] = time.GetElapsedTime(begin).TotalMilliseconds;
            empty += result.Products.Count == 0 ? 1 : 0;
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"catalog load: {products} products in {load.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search+rank over {samples.Length} specs ({empty} with no results): p50 {Percentile(samples, 0.50):F2} ms, p90 {Percentile(samples, 0.90):F2} ms, p99 {Percentile(samples, 0.99):F2} ms, max {samples[^1]:F2} ms, {allocated / 1024.0 / samples.Length:F1} KB allocated per search"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Deterministic mix: every type, price bands, brands, attribute bounds, keywords.</summary>
    private static List<RequirementSpec> Specs(CatalogTaxonomy taxonomy, int count)
    {
        var types = taxonomy.ProductTypes;
        var specs = new List<RequirementSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var type = types[i % types.Count];
            var band = type.PriceBands[i / types.Count % type.PriceBands.Count];
            var spec = new RequirementSpec
            {
                ProductType = i % 17 == 0 ? null : type.Name,
                Price = i % 3 == 0 ? null : band,
                BrandPreferences = i % 4 == 1 ? [type.Brands[i % type.Brands.Count]] : [],
                ExcludedBrands = i % 5 == 2 ? [type.Brands[0]] : [],
                RatingMin = i % 6 == 3 ? 4.0 : null,
                Keywords = i % 7 == 0 ? Keywords[i % Keywords.Length] : null,
            };
            if (type.AttributeKeys.Contains("ram_gb") && i % 2 == 0)
            {
                spec.Attributes["ram_gb"] = AttributeConstraint.AtLeast(8);
            }

            if (type.AttributeKeys.Contains("screen_inches") && i % 3 == 1)
            {
                spec.Attributes["screen_inches"] = AttributeConstraint.AtLeast(type.Name == "tv" ? 55 : 10);
            }

            specs.Add(spec);
        }

        return specs;
    }
}
