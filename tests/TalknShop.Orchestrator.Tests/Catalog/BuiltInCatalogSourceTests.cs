using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class BuiltInCatalogSourceTests
{
    public static TheoryData<string, RequirementSpec> FilteredSpecs => new()
    {
        { "laptop under $1,000 with 16 GB", new() { ProductType = "laptop", Price = new(null, 1000m), Attributes = { ["ram_gb"] = AttributeConstraint.AtLeast(16) } } },
        { "big TV between $400 and $1,500", new() { ProductType = "tv", Price = new(400m, 1500m), Attributes = { ["screen_inches"] = AttributeConstraint.AtLeast(55) } } },
        { "Dell or HP laptop, no refurbished", new() { ProductType = "laptop", BrandPreferences = ["Dell", "hp"], Condition = "new" } },
        { "phone, not Apple, rated 4+", new() { ProductType = "phone", ExcludedBrands = ["Apple"], RatingMin = 4.0 } },
        { "refurbished anything on eBay", new() { Condition = "refurbished", Marketplaces = ["ebay"] } },
        { "wireless noise-cancelling headphones", new() { ProductType = "headphones", Attributes = { ["wireless"] = AttributeConstraint.Has(), ["noise_cancelling"] = AttributeConstraint.Has() } } },
        { "4K monitor at most 27 inches", new() { ProductType = "monitor", Attributes = { ["resolution"] = AttributeConstraint.Is("4K"), ["screen_inches"] = AttributeConstraint.AtMost(27) } } },
        { "women's running shoes size 8.5", new() { ProductType = "sneakers", Attributes = { ["shoe_type"] = AttributeConstraint.Is("running"), ["gender"] = AttributeConstraint.Is("women"), ["size"] = AttributeConstraint.Is("8.5") } } },
        { "coffee maker with 'steel' color at Kroger or Target", new() { ProductType = "coffee_maker", Marketplaces = ["kroger", "target"], Attributes = { ["color"] = new AttributeConstraint { Op = "contains", Text = "steel" } } } },
        { "monitor at least 1440p and 144 Hz", new() { ProductType = "monitor", Attributes = { ["resolution"] = new AttributeConstraint { Op = "gte", Text = "1440p" }, ["refresh_hz"] = AttributeConstraint.AtLeast(144) } } },
    };

    [Theory]
    [MemberData(nameof(FilteredSpecs))]
    public async Task SearchAsync_HardFilters_HoldForEveryProductReturned(string scenario, RequirementSpec spec)
    {
        var result = await TestCatalog.SearchAsync(spec);

        Assert.True(result.Products.Count > 0, $"No products for: {scenario}");
        Assert.Equal(result.TotalCount, result.Products.Count);
        var type = ProductVocabulary.Resolve(spec.ProductType)?.Name;
        foreach (var product in result.Products)
        {
            Assert.True(type is null || product.ProductType == type, scenario);
            Assert.True(spec.Price?.Min is not { } min || product.Price >= min, $"{scenario}: {product.Price}");
            Assert.True(spec.Price?.Max is not { } max || product.Price <= max, $"{scenario}: {product.Price}");
            Assert.True(spec.BrandPreferences.Count == 0 || spec.BrandPreferences.Contains(product.Brand!, StringComparer.OrdinalIgnoreCase), scenario);
            Assert.DoesNotContain(product.Brand!, spec.ExcludedBrands, StringComparer.OrdinalIgnoreCase);
            Assert.True(spec.RatingMin is not { } rating || product.Rating >= rating, scenario);
            Assert.True(spec.Condition is null || product.Condition == spec.Condition, scenario);
            Assert.True(spec.Marketplaces.Count == 0 || spec.Marketplaces.Contains(product.Marketplace), scenario);
            foreach (var (key, constraint) in spec.Attributes)
            {
                var condition = AttributeCondition.From(key, constraint);
                Assert.NotNull(condition);
                Assert.True(condition.IsMetBy(product.Attributes.GetValueOrDefault(key)), $"{scenario}: {key}={product.Attributes.GetValueOrDefault(key)}");
            }
        }
    }

    [Fact]
    public async Task SearchAsync_PriceBound_ExcludesUnknownPrices()
    {
        var unbounded = await TestCatalog.SearchAsync(new() { ProductType = "laptop" });
        var bounded = await TestCatalog.SearchAsync(new() { ProductType = "laptop", Price = new(0m, 100_000m) });

        Assert.Contains(unbounded.Products, p => p.Price is null);
        Assert.DoesNotContain(bounded.Products, p => p.Price is null);
        Assert.Equal(unbounded.Products.Count(p => p.Price is not null), bounded.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_Limit_CapsProductsButNotTotal()
    {
        var result = await TestCatalog.SearchAsync(new() { ProductType = "laptop" }, limit: 25);

        Assert.Equal(25, result.Products.Count);
        Assert.True(result.TotalCount > 400, $"TotalCount {result.TotalCount}");
        Assert.Equal(["amazon", "walmart", "ebay", "target"], result.MarketplacesSearched);
    }

    [Theory]
    [InlineData("macbook pro", "MacBook Pro")]
    [InlineData("PlayStation", "PlayStation 5")]
    [InlineData("espresso", "Espresso")]
    [InlineData("roomba combo", "Roomba Combo")]
    public async Task SearchAsync_Keywords_FindRelevantProductsFirst(string keywords, string expectedInTitle)
    {
        var result = await TestCatalog.SearchAsync(new() { Keywords = keywords }, limit: 10);

        Assert.NotEmpty(result.Products);
        Assert.All(result.Products, p => Assert.Contains(expectedInTitle, p.Title, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SearchAsync_KeywordsWithNoProductMatchingAll_FallsBackToAnyWord()
    {
        var result = await TestCatalog.SearchAsync(new() { ProductType = "headphones", Keywords = "bose zeppelin" }, limit: 10);

        Assert.NotEmpty(result.Products);
        Assert.All(result.Products, p => Assert.Equal("Bose", p.Brand));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("laptop*")]
    [InlineData("NEAR(dell hp)")]
    [InlineData("-apple")]
    [InlineData("title:dell")]
    [InlineData("AND OR NOT")]
    [InlineData("^ {} [] () + ' ; -- /* */")]
    [InlineData("")]
    public async Task SearchAsync_FtsSyntaxInKeywords_DoesNotThrow(string keywords)
    {
        var result = await TestCatalog.SearchAsync(new() { ProductType = "laptop", Keywords = keywords }, limit: 5);

        Assert.True(result.TotalCount >= result.Products.Count);
    }

    [Fact]
    public async Task SearchAsync_UnknownProductType_FindsNothingRatherThanEverything()
    {
        var result = await TestCatalog.SearchAsync(new() { ProductType = "ukulele" });

        Assert.Empty(result.Products);
        Assert.Equal(0, result.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => TestCatalog.Source().SearchAsync(new() { ProductType = "tv" }, 10, cancelled.Token));
    }

    [Fact]
    public async Task SearchAsync_ReturnedProduct_CannotChangeTheCatalog()
    {
        var first = await TestCatalog.SearchAsync(new() { Keywords = "XPS 15" }, limit: 1);
        var attributes = Assert.IsAssignableFrom<IDictionary<string, string>>(first.Products[0].Attributes);

        Assert.ThrowsAny<NotSupportedException>(() => attributes["ram_gb"] = "999");
        var second = await TestCatalog.SearchAsync(new() { Keywords = "XPS 15" }, limit: 1);

        Assert.NotEqual("999", second.Products[0].Attributes["ram_gb"]);
    }
}
