using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;
using static TalknShop.Orchestrator.Tests.Understanding.ExtractorHarness;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class OfflineRequirementExtractorTests
{
    [Fact]
    public async Task ExtractAsync_BareNumberNotAnsweringBudget_IsNotMoney()
    {
        var result = await ExtractAsync("iphone 15");

        Assert.Null(result.Spec.Price);
        Assert.Equal("phone", result.Spec.ProductType);
    }

    [Theory]
    [InlineData("16GB laptop")]
    [InlineData("55 inch TV")]
    [InlineData("headphones 4 stars")]
    [InlineData("running shoes size 10")]
    [InlineData("12 cup coffee maker")]
    [InlineData("144hz monitor")]
    [InlineData("laptop with 10 hours battery")]
    [InlineData("4K TV")]
    public async Task ExtractAsync_NumbersWithUnits_AreNeverMoney(string text)
    {
        var result = await ExtractAsync(text);

        Assert.Null(result.Spec.Price);
    }

    [Fact]
    public async Task ExtractAsync_FourKAfterMoneyCue_IsMoneyNotResolution()
    {
        var result = await ExtractAsync("laptop under 4k");

        Assert.Equal(4000m, result.Spec.Price?.Max);
        Assert.False(result.Spec.Attributes.ContainsKey("resolution"));
    }

    [Fact]
    public async Task ExtractAsync_BrandInsideAnotherWord_IsNotMatched()
    {
        var result = await ExtractAsync("a laptop for php and shpping apps");

        Assert.Empty(result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_LeftoverWords_BecomeShortKeywords()
    {
        var result = await ExtractAsync("I'm looking for a gaming laptop with an OLED screen under $1500, please");

        Assert.Equal("gaming oled", result.Spec.Keywords);
    }

    [Fact]
    public async Task ExtractAsync_EverythingUnderstood_HasNoKeywords()
    {
        var result = await ExtractAsync("Dell laptop under $1000 with 16GB RAM");

        Assert.Null(result.Spec.Keywords);
    }

    [Fact]
    public async Task ExtractAsync_MarketplaceNamed_RestrictsMarketplaceNotBrand()
    {
        var result = await ExtractAsync("a tablet on Amazon");

        Assert.Equal(["amazon"], result.Spec.Marketplaces);
        Assert.Empty(result.Spec.BrandPreferences);
    }

    [Fact]
    public async Task ExtractAsync_CancelledToken_Throws()
    {
        var extractor = new OfflineRequirementExtractor(Taxonomy);
        var request = new ExtractionRequest(null, [], "laptop", null, false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => extractor.ExtractAsync(request, new CancellationToken(canceled: true)));
    }
}
