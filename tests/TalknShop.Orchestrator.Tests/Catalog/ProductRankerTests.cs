using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Ranking;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class ProductRankerTests
{
    private readonly ProductRanker _ranker = new();

    [Fact]
    public async Task Rank_PreferredBrandAmongCandidates_RanksFirst()
    {
        var candidates = await TestCatalog.SearchAsync(new() { ProductType = "laptop", Price = new(null, 1500m) }, limit: 200);
        var spec = new RequirementSpec { ProductType = "laptop", Price = new(null, 1500m), BrandPreferences = ["Lenovo"] };

        var ranked = _ranker.Rank(spec, candidates.Products, 5);

        Assert.Equal("Lenovo", ranked[0].Brand);
        Assert.Contains("Lenovo, a brand you asked for", ranked[0].WhyRanked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PriceQualifiers.Budget)]
    [InlineData(PriceQualifiers.Premium)]
    public async Task Rank_PriceQualifierWithoutNumber_MovesPicksTowardThatEndWithoutInventingABudget(string qualifier)
    {
        var candidates = await TestCatalog.SearchAsync(new() { ProductType = "laptop" }, limit: 480);
        var median = candidates.Products.Where(p => p.Price is not null).Select(p => p.Price!.Value).Order().ElementAt(candidates.Products.Count / 2);
        var spec = new RequirementSpec { ProductType = "laptop", PriceQualifier = qualifier };

        var ranked = _ranker.Rank(spec, candidates.Products, 5);

        Assert.All(ranked, p => Assert.True(qualifier == PriceQualifiers.Budget ? p.Price < median : p.Price > median, $"{p.Price} vs median {median}"));
        Assert.All(ranked, p => Assert.DoesNotContain("budget", p.WhyRanked, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Rank_ExcludedBrand_NeverAppears()
    {
        var candidates = await TestCatalog.SearchAsync(new() { ProductType = "phone" }, limit: 400);
        var spec = new RequirementSpec { ProductType = "phone", ExcludedBrands = ["apple", "Samsung"] };

        var ranked = _ranker.Rank(spec, candidates.Products, 400);

        Assert.NotEmpty(ranked);
        Assert.DoesNotContain(ranked, p => p.Brand is "Apple" or "Samsung");
    }

    [Fact]
    public void Rank_ExcludedBrandFromSourceWithoutBrands_IsRecognisedByTitle()
    {
        var spec = new RequirementSpec { ExcludedBrands = ["Apple"] };
        Product[] candidates = [Listing("1", 500m) with { Brand = null, Title = "Apple iPhone 16" }, Listing("2", 600m) with { Brand = null, Title = "Google Pixel 9" }];

        var ranked = _ranker.Rank(spec, candidates, 10);

        Assert.Equal(["2"], ranked.Select(p => p.ProductId));
    }

    [Fact]
    public void Rank_UnknownPriceWithBestEverythingElse_NeverRanksFirst()
    {
        var spec = new RequirementSpec { ProductType = "laptop", BrandPreferences = ["Dell"] };
        Product[] candidates =
        [
            Listing("unpriced", null) with { Brand = "Dell", Rating = 5.0, ReviewCount = 50_000 },
            Listing("priced", 1999m) with { Brand = "Acer", Rating = 2.6, ReviewCount = 3, Condition = "used" },
        ];

        var ranked = _ranker.Rank(spec, candidates, 2);

        Assert.Equal(["priced", "unpriced"], ranked.Select(p => p.ProductId));
        Assert.StartsWith("Price not listed", ranked[1].WhyRanked, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_WhyRanked_NamesBudgetAttributeBrandAndRating()
    {
        var spec = new RequirementSpec
        {
            ProductType = "laptop",
            Price = new(null, 1000m),
            BrandPreferences = ["Dell"],
            Attributes = { ["ram_gb"] = AttributeConstraint.AtLeast(16, "GB") },
        };
        var product = Listing("x", 849m) with { Brand = "Dell", Rating = 4.6, ReviewCount = 2310, Attributes = new Dictionary<string, string> { ["ram_gb"] = "16" } };

        var why = _ranker.Rank(spec, [product], 1)[0].WhyRanked;

        Assert.Equal("Within your $1,000 budget; 16 GB RAM as asked; Dell, a brand you asked for; rated 4.6 by 2,310 buyers", why);
    }

    [Fact]
    public void Rank_MissedConstraints_AreSaidPlainly()
    {
        var spec = new RequirementSpec { Price = new(null, 500m), Attributes = { ["screen_inches"] = AttributeConstraint.AtLeast(55) }, RatingMin = 4.5 };
        var product = Listing("x", 649.99m) with { Rating = 4.1, ReviewCount = 12, Attributes = new Dictionary<string, string> { ["screen_inches"] = "50" } };

        var why = _ranker.Rank(spec, [product], 1)[0].WhyRanked;

        Assert.Contains("Over your $500 budget", why, StringComparison.Ordinal);
        Assert.Contains("50-inch screen (you asked for at least 55)", why, StringComparison.Ordinal);
        Assert.Contains("below your 4.5 minimum", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_WithinBudget_PrefersCheaperAndBetterRated()
    {
        var spec = new RequirementSpec { ProductType = "tv", Price = new(null, 1000m) };
        Product[] candidates =
        [
            Listing("over", 1200m),
            Listing("at-limit", 999m),
            Listing("cheaper", 700m),
            Listing("cheaper-better-rated", 700m) with { Rating = 4.8, ReviewCount = 5000 },
        ];

        var ranked = _ranker.Rank(spec, candidates, 4);

        Assert.Equal(["cheaper-better-rated", "cheaper", "at-limit", "over"], ranked.Select(p => p.ProductId));
    }

    [Fact]
    public void Rank_ConditionNotAsked_PrefersNewOverSlightlyCheaperUsed()
    {
        var spec = new RequirementSpec { Price = new(null, 1000m) };
        Product[] candidates = [Listing("used", 850m) with { Condition = "used" }, Listing("new", 900m)];

        var ranked = _ranker.Rank(spec, candidates, 2);

        Assert.Equal(["new", "used"], ranked.Select(p => p.ProductId));
        Assert.Contains("; used", ranked[1].WhyRanked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rank_SameCandidatesInAnyOrder_GivesSameRanking()
    {
        var candidates = (await TestCatalog.SearchAsync(new() { ProductType = "headphones" }, limit: 200)).Products;
        var spec = new RequirementSpec { ProductType = "headphones", Price = new(null, 300m), Attributes = { ["noise_cancelling"] = AttributeConstraint.Has() } };

        var forward = _ranker.Rank(spec, candidates, 10).Select(p => p.ProductId);
        var backward = _ranker.Rank(spec, [.. candidates.Reverse()], 10).Select(p => p.ProductId);

        Assert.Equal(forward, backward);
    }

    [Fact]
    public async Task Rank_Top_LimitsResultsAndFillsWhyRanked()
    {
        var candidates = (await TestCatalog.SearchAsync(new() { ProductType = "blender" }, limit: 200)).Products;

        var ranked = _ranker.Rank(new RequirementSpec { ProductType = "blender" }, candidates, 10);

        Assert.Equal(10, ranked.Count);
        Assert.All(ranked, p => Assert.False(string.IsNullOrWhiteSpace(p.WhyRanked)));
        Assert.Empty(_ranker.Rank(new RequirementSpec(), candidates, 0));
    }

    private static Product Listing(string id, decimal? price) => new()
    {
        ProductId = id,
        Marketplace = "amazon",
        Title = $"Product {id}",
        Price = price,
        ProductType = "laptop",
        Brand = "Generic",
        Rating = 4.0,
        ReviewCount = 100,
    };
}
