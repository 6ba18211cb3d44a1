using BenchmarkDotNet.Attributes;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Benchmarks.Flow;

/// <summary>Cost of turning one event into the UTF-8 frame that is sent, stored and replayed.</summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private ResultsData _results = null!;

    [GlobalSetup]
    public void Setup()
    {
        var products = Enumerable.Range(0, 10).Select(i => new Product
        {
            ProductId = $"B0{i:D8}",
            Marketplace = "amazon",
            Title = $"Dell Inspiron 15 model {i}",
            Description = "15.6 inch laptop with 16 GB RAM and a 512 GB SSD",
            Price = 649.99m + i,
            Rating = 4.5,
            ReviewCount = 1200 + i,
            DeepLink = $"https://www.amazon.com/dp/B0{i:D8}",
            MarketplaceUrl = "https://www.amazon.com/",
            ImageUrl = $"https://images.talknshop.example/products/B0{i:D8}.jpg",
            Attributes = new Dictionary<string, string> { ["ram_gb"] = "16", ["storage_gb"] = "512" },
            WhyRanked = "Fits your $1,000 budget at $649; 16 GB RAM as asked; rated 4.5 by 1,200 buyers",
        }).ToList();
        _results = new ResultsData(new SearchResults(products, 42, new RequirementSpec { ProductType = "laptop", Price = new PriceRange(null, 1000m) }, "I found 42 laptops.", ["amazon"], []));
        if (Token().Length < 50 || Results().Length < 2000)
        {
            throw new InvalidOperationException("serialization produced too little output");
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] Token() => EventFrames.Create(new TokenData("I found ", false), Now, "sess_0123456789ab", 17, "turn_0123456789ab");

    [Benchmark]
    public byte[] Progress() => EventFrames.Create(new ProgressData("SearchMarketplaces", "SEARCHING", "Searching Amazon, Walmart…"), Now, "sess_0123456789ab", 18, "turn_0123456789ab");

    [Benchmark]
    public byte[] Results() => EventFrames.Create(_results, Now, "sess_0123456789ab", 19, "turn_0123456789ab");
}
