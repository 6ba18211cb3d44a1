using TalknShop.Orchestrator.Catalog;
using static TalknShop.Orchestrator.Tests.Understanding.ExtractorHarness;

namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>New search versus refinement, and clarification answers merged into the current spec.</summary>
public sealed class OfflineRequirementExtractorRefinementTests
{
    [Theory]
    [InlineData("actually, show me tablets", "tablet")]
    [InlineData("what about headphones under 200", "headphones")]
    [InlineData("I changed my mind, I need a TV", "tv")]
    public async Task ExtractAsync_DifferentTypeNamed_StartsFreshSearch(string text, string type)
    {
        var result = await ExtractAsync(text, Laptop());

        Assert.True(result.IsNewSearch);
        Assert.Equal(type, result.Spec.ProductType);
        Assert.Empty(result.Spec.BrandPreferences);
        Assert.Empty(result.Spec.Attributes);
        Assert.Null(result.Spec.Keywords);
    }

    [Fact]
    public async Task ExtractAsync_DifferentTypeWithBudget_KeepsOnlyNewBudget()
    {
        var result = await ExtractAsync("what about headphones under 200", Laptop());

        Assert.Equal(new PriceRange(null, 200), result.Spec.Price);
    }

    [Fact]
    public async Task ExtractAsync_Cheaper_LowersMaxToEightyPercent()
    {
        var result = await ExtractAsync("cheaper", Laptop());

        Assert.False(result.IsNewSearch);
        Assert.Equal(800m, result.Spec.Price?.Max);
        Assert.Equal(["Dell"], result.Spec.BrandPreferences);
        Assert.True(result.Spec.Attributes.ContainsKey("ram_gb"));
    }

    [Fact]
    public async Task ExtractAsync_CheaperWithoutPrice_SetsBudgetQualifierWithoutInventingANumber()
    {
        var result = await ExtractAsync("show me cheaper ones", new RequirementSpec { ProductType = "laptop" });

        Assert.Null(result.Spec.Price);
        Assert.Equal(PriceQualifiers.Budget, result.Spec.PriceQualifier);
    }

    [Theory]
    [InlineData("something more expensive")]
    [InlineData("higher end please")]
    public async Task ExtractAsync_MoreExpensive_RaisesFloorToOldMax(string text)
    {
        var result = await ExtractAsync(text, Laptop());

        Assert.False(result.IsNewSearch);
        Assert.Equal(new PriceRange(1000, null), result.Spec.Price);
    }

    [Fact]
    public async Task ExtractAsync_OnlyBrand_ReplacesBrandsAndKeepsTheRest()
    {
        var result = await ExtractAsync("only Samsung", Laptop());

        Assert.False(result.IsNewSearch);
        Assert.Equal(["Samsung"], result.Spec.BrandPreferences);
        Assert.Equal(1000m, result.Spec.Price?.Max);
        Assert.Equal("gaming", result.Spec.Keywords);
    }

    [Fact]
    public async Task ExtractAsync_AlsoBrand_AddsToBrands()
    {
        var result = await ExtractAsync("also show Lenovo", Laptop());

        Assert.Equal(["Dell", "Lenovo"], result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_ExcludePreferredBrand_MovesItToExcluded()
    {
        var result = await ExtractAsync("no Dell after all", Laptop());

        Assert.Empty(result.Spec.BrandPreferences);
        Assert.Equal(["Dell"], result.Spec.ExcludedBrands);
    }

    [Theory]
    [InlineData("at least 4 stars", 4.0)]
    [InlineData("only highly rated ones", 4.0)]
    [InlineData("4.5 stars and up", 4.5)]
    public async Task ExtractAsync_RatingRefinement_SetsRatingAndKeepsSpec(string text, double rating)
    {
        var result = await ExtractAsync(text, Laptop());

        Assert.False(result.IsNewSearch);
        Assert.Equal(rating, result.Spec.RatingMin);
        Assert.Equal(["Dell"], result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_NewBudgetInstead_OverridesOldBudget()
    {
        var result = await ExtractAsync("under 800 instead", Laptop());

        Assert.Equal(new PriceRange(null, 800), result.Spec.Price);
    }

    [Fact]
    public async Task ExtractAsync_ColourRefinement_AddsAttributeAndKeepsOthers()
    {
        var result = await ExtractAsync("in black", Laptop());

        Assert.Equal("black", result.Spec.Attributes["color"].Text);
        Assert.Equal(16, result.Spec.Attributes["ram_gb"].Number);
    }

    [Fact]
    public async Task ExtractAsync_SameTypeNamedAgain_RefinesInsteadOfRestarting()
    {
        var result = await ExtractAsync("laptops with 32GB RAM", Laptop());

        Assert.False(result.IsNewSearch);
        Assert.Equal(32, result.Spec.Attributes["ram_gb"].Number);
        Assert.Equal(["Dell"], result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_StartOver_StartsFreshEvenForSameType()
    {
        var result = await ExtractAsync("let's start over, a laptop for school", Laptop());

        Assert.True(result.IsNewSearch);
        Assert.Empty(result.Spec.BrandPreferences);
        Assert.Null(result.Spec.Price);
    }

    [Theory]
    [InlineData("$500\u2013$1,000", 500, 1000)]
    [InlineData("$500-$1000", 500, 1000)]
    [InlineData("Under $500", null, 500)]
    [InlineData("Over $1,000", 1000, null)]
    [InlineData("800", null, 800)]
    public async Task ExtractAsync_BudgetAnswer_MergesIntoCurrentSpec(string answer, int? min, int? max)
    {
        var current = new RequirementSpec { ProductType = "laptop", BrandPreferences = ["HP"] };

        var result = await ExtractAsync(answer, current, answering: true, lastQuestion: "What's your budget for laptops?");

        Assert.False(result.IsNewSearch);
        Assert.Equal("laptop", result.Spec.ProductType);
        Assert.Equal(new PriceRange(min, max), result.Spec.Price);
        Assert.Equal(["HP"], result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_BrandAnswer_MergesBrand()
    {
        var current = new RequirementSpec { ProductType = "laptop", Price = new PriceRange(500, 1000) };

        var result = await ExtractAsync("Dell", current, answering: true);

        Assert.False(result.IsNewSearch);
        Assert.Equal(["Dell"], result.Spec.BrandPreferences);
        Assert.Equal(new PriceRange(500, 1000), result.Spec.Price);
    }

    [Fact]
    public async Task ExtractAsync_MemoryAnswerForLaptop_ReadsRam()
    {
        var result = await ExtractAsync("16GB", new RequirementSpec { ProductType = "laptop" }, answering: true);

        Assert.Equal(AttributeConstraint.AtLeast(16, "GB"), result.Spec.Attributes["ram_gb"]);
        Assert.Null(result.Spec.Price);
    }

    [Fact]
    public async Task ExtractAsync_TypeAnswerToTypelessSpec_KeepsEarlierBudgetAndIsNotNewSearch()
    {
        var current = new RequirementSpec { Price = new PriceRange(null, 100) };

        var result = await ExtractAsync("Headphones", current, answering: true);

        Assert.False(result.IsNewSearch);
        Assert.Equal("headphones", result.Spec.ProductType);
        Assert.Equal(100m, result.Spec.Price?.Max);
    }

    [Fact]
    public async Task ExtractAsync_AnswerNamingOtherType_IsNewSearch()
    {
        var current = new RequirementSpec { ProductType = "laptop", BrandPreferences = ["Dell"] };

        var result = await ExtractAsync("actually a tablet", current, answering: true);

        Assert.True(result.IsNewSearch);
        Assert.Equal("tablet", result.Spec.ProductType);
        Assert.Empty(result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_EmptyMessageWithoutMedia_KeepsCurrentSpec()
    {
        var current = Laptop();

        var result = await ExtractAsync("", current);

        Assert.False(result.IsNewSearch);
        Assert.Equal(current.Price, result.Spec.Price);
        Assert.Equal(current.BrandPreferences, result.Spec.BrandPreferences);
        Assert.Equal(current.Attributes, result.Spec.Attributes);
        Assert.Equal(current.Keywords, result.Spec.Keywords);
    }
}
