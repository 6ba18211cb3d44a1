using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Tests.Understanding;
using TalknShop.Orchestrator.Understanding.Llm;

namespace TalknShop.Orchestrator.Tests.Llm;

public sealed class SpecRepairTests
{
    private static readonly TestTaxonomy Taxonomy = new();

    private static Orchestrator.Understanding.ExtractionResult Read(string reply, RequirementSpec? current = null) =>
        SpecRepair.Read(ModelJson.FindObject(reply) ?? throw new InvalidOperationException("no JSON"), current, Taxonomy);

    [Theory]
    [InlineData("""{"product_type": "laptop"}""")]
    [InlineData("```json\n{\"product_type\": \"laptop\"}\n```")]
    [InlineData("Here you go: {\"product_type\": \"laptop\",} Anything else?")]
    [InlineData("{ broken { \"product_type\": \"laptop\" } and {\"other\": 1}")]
    public void FindObject_ToleratesFencesProseAndTrailingCommas(string reply) =>
        Assert.Equal("laptop", Read(reply).Spec.ProductType);

    [Theory]
    [InlineData("")]
    [InlineData("I cannot help with that.")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"unterminated\": ")]
    public void FindObject_NoObject_ReturnsNull(string reply) => Assert.Null(ModelJson.FindObject(reply));

    [Fact]
    public void Read_MapsSynonymsAndPlurals_DropsUnknownTypes()
    {
        Assert.Equal("laptop", Read("""{"product_type": "notebook"}""").Spec.ProductType);
        Assert.Equal("phone", Read("""{"product_type": "Phones"}""").Spec.ProductType);
        Assert.Null(Read("""{"product_type": "spaceship"}""").Spec.ProductType);
    }

    [Fact]
    public void Read_RepairsValues()
    {
        var spec = Read("""
            {"product_type": "laptop", "rating_min": -3, "condition": "Pre-Owned", "price": {"min": 900, "max": "$500", "currency": "usd"},
             "attributes": {"ram_gb": {"op": "at_least", "number": 16, "unit": "GB"}, "screen_inches": {"op": "lte", "number": "NaN"},
                            "color": "black", "warp_drive": true},
             "brand_preferences": ["dell", "Lenovo", "Acme"], "excluded_brands": "apple", "marketplaces": ["EBAY", "amazon", "etsy"],
             "filters": {"shipping": "free", "prime": true}}
            """).Spec;

        Assert.Equal(0, spec.RatingMin);
        Assert.Equal("used", spec.Condition);
        Assert.Equal(new PriceRange(500, 900, "USD"), spec.Price);
        Assert.Equal(AttributeConstraint.AtLeast(16, "GB"), spec.Attributes["ram_gb"]);
        Assert.Equal(AttributeConstraint.Is("black"), spec.Attributes["color"]);
        Assert.False(spec.Attributes.ContainsKey("screen_inches"));
        Assert.False(spec.Attributes.ContainsKey("warp_drive"));
        Assert.Equal(["Dell", "Lenovo"], spec.BrandPreferences);
        Assert.Equal(["Apple"], spec.ExcludedBrands);
        Assert.Equal(["ebay", "amazon"], spec.Marketplaces);
        Assert.Equal("free", spec.Filters["shipping"]);
        Assert.Equal("true", spec.Filters["prime"]);
    }

    [Theory]
    [InlineData("""{"product_type": "laptop", "price": 1e300, "rating_min": "high", "attributes": {"ram_gb": 1e308}, "keywords": 42}""")]
    [InlineData("""{"product_type": ["laptop"], "price": {"min": "abc", "max": -5}, "attributes": [1, 2], "brand_preferences": {"a": 1}, "filters": "x"}""")]
    [InlineData("""{"product_type": null, "attributes": {"ram_gb": {"op": "gte"}}, "condition": 7, "marketplaces": 3, "new_search": "maybe"}""")]
    public void Read_HostileValues_NeverThrow(string reply)
    {
        var spec = Read(reply).Spec;

        Assert.Null(spec.Price);
        Assert.Null(spec.RatingMin);
        Assert.Null(spec.Condition);
    }

    [Theory]
    [InlineData("like new", "like_new")]
    [InlineData("renewed", "refurbished")]
    [InlineData("GOOD", "good")]
    [InlineData("mint-ish", null)]
    public void Condition_IsNormalizedOrDropped(string given, string? expected) => Assert.Equal(expected, SpecRepair.Condition(given));

    [Fact]
    public void Read_Refinement_KeepsWhatTheModelLeftOut()
    {
        var current = new RequirementSpec { ProductType = "laptop", Price = new PriceRange(null, 1000), BrandPreferences = ["Dell"] };
        var result = Read("""{"new_search": false, "brand_preferences": ["HP"]}""", current);

        Assert.False(result.IsNewSearch);
        Assert.Equal("laptop", result.Spec.ProductType);
        Assert.Equal(new PriceRange(null, 1000), result.Spec.Price);
        Assert.Equal(["HP"], result.Spec.BrandPreferences);
    }

    [Fact]
    public void Read_DifferentType_IsANewSearch_FromAnEmptySpec()
    {
        var current = new RequirementSpec { ProductType = "laptop", Price = new PriceRange(null, 1000), BrandPreferences = ["Dell"] };
        var result = Read("""{"new_search": false, "product_type": "phone"}""", current);

        Assert.True(result.IsNewSearch);
        Assert.Equal("phone", result.Spec.ProductType);
        Assert.Null(result.Spec.Price);
        Assert.Empty(result.Spec.BrandPreferences);
    }
}
