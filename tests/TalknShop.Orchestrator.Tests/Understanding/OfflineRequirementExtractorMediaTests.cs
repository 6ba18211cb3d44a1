using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;
using static TalknShop.Orchestrator.Tests.Understanding.ExtractorHarness;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class OfflineRequirementExtractorMediaTests
{
    [Fact]
    public async Task ExtractAsync_TextAndImageLabels_CombineIntoShoeSpec()
    {
        var media = new MediaFindings { Image = new ImageFindings { Labels = ["shoe", "sneaker"] } };

        var result = await ExtractAsync("a red Nike running shoe like this, size 10", media: media);

        Assert.Equal("shoes", result.Spec.ProductType);
        Assert.Equal(["Nike"], result.Spec.BrandPreferences);
        Assert.Equal("red", result.Spec.Attributes["color"].Text);
        Assert.Equal("running", result.Spec.Attributes["shoe_type"].Text);
        Assert.Equal(10, result.Spec.Attributes["size"].Number);
    }

    [Fact]
    public async Task ExtractAsync_ImageOnly_TakesTypeColourAndPrintedBrand()
    {
        var media = new MediaFindings
        {
            Image = new ImageFindings
            {
                Labels = ["Footwear", "Sneakers", "Outdoor"],
                Objects = ["Shoe"],
                Text = ["ADIDAS"],
                DominantColors = ["Blue", "white"],
            },
        };

        var result = await ExtractAsync("", media: media);

        Assert.Equal("shoes", result.Spec.ProductType);
        Assert.Equal(["Adidas"], result.Spec.BrandPreferences);
        Assert.Equal("blue", result.Spec.Attributes["color"].Text);
    }

    [Fact]
    public async Task ExtractAsync_TextColour_WinsOverImageColour()
    {
        var media = new MediaFindings { Image = new ImageFindings { Labels = ["sneaker"], DominantColors = ["white"] } };

        var result = await ExtractAsync("this but in black", media: media);

        Assert.Equal("black", result.Spec.Attributes["color"].Text);
    }

    [Fact]
    public async Task ExtractAsync_ImageAttributes_UseCanonicalKeysOfTheType()
    {
        var media = new MediaFindings
        {
            Image = new ImageFindings
            {
                Labels = ["jacket"],
                Attributes = new() { ["colour"] = "Green", ["brand"] = "patagonia", ["pattern"] = "striped" },
            },
        };

        var result = await ExtractAsync("", media: media);

        Assert.Equal("jacket", result.Spec.ProductType);
        Assert.Equal(["Patagonia"], result.Spec.BrandPreferences);
        Assert.Equal("green", result.Spec.Attributes["color"].Text);
        Assert.False(result.Spec.Attributes.ContainsKey("pattern"));
    }

    [Fact]
    public async Task ExtractAsync_TranscriptOnly_IsReadLikeText()
    {
        var media = new MediaFindings { Transcript = "I need a laptop under 900 dollars with 16 gigs of ram" };

        var result = await ExtractAsync("", media: media);

        Assert.Equal("laptop", result.Spec.ProductType);
        Assert.Equal(new PriceRange(null, 900), result.Spec.Price);
        Assert.Equal(16, result.Spec.Attributes["ram_gb"].Number);
    }

    [Fact]
    public async Task ExtractAsync_TypedTextNamesType_ImageLabelsDoNotOverride()
    {
        var media = new MediaFindings { Image = new ImageFindings { Labels = ["desk", "laptop"] } };

        var result = await ExtractAsync("a monitor to go with this setup", media: media);

        Assert.Equal("monitor", result.Spec.ProductType);
    }
}
