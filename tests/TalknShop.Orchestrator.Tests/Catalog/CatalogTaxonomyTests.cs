using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Taxonomy;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class CatalogTaxonomyTests
{
    private static readonly string[] CanonicalTypes =
    [
        "laptop", "phone", "tablet", "headphones", "tv", "monitor", "camera", "shoes", "coffee_maker", "vacuum", "smartwatch",
        "speaker", "keyboard", "mouse", "printer", "router", "game_console", "backpack", "blender", "air_fryer", "jacket", "office_chair",
    ];

    private readonly CatalogTaxonomy _taxonomy = new(TestCatalog.Store);

    [Fact]
    public void ProductTypes_AreExactlyTheCanonicalNames()
    {
        Assert.Equal(CanonicalTypes.Order(), _taxonomy.ProductTypes.Select(t => t.Name).Order());
    }

    [Theory]
    [InlineData("notebook", "laptop")]
    [InlineData("Ultrabook", "laptop")]
    [InlineData("cell phone", "phone")]
    [InlineData("iPhone", "phone")]
    [InlineData("earbuds", "headphones")]
    [InlineData("AirPods", "headphones")]
    [InlineData("television", "tv")]
    [InlineData("smart TV", "tv")]
    [InlineData("sneakers", "shoes")]
    [InlineData("running shoes", "shoes")]
    [InlineData("robot vacuum", "vacuum")]
    [InlineData("espresso machine", "coffee_maker")]
    [InlineData("coffee makers", "coffee_maker")]
    [InlineData("Coffee-Maker", "coffee_maker")]
    [InlineData("xbox", "game_console")]
    [InlineData("desk chair", "office_chair")]
    [InlineData("air fryers", "air_fryer")]
    [InlineData("laptops", "laptop")]
    public void FindType_NameOrSynonym_ResolvesToCanonicalType(string word, string expected)
    {
        Assert.Equal(expected, _taxonomy.FindType(word)?.Name);
    }

    [Fact]
    public void FindType_UnknownWord_ReturnsNull()
    {
        Assert.Null(_taxonomy.FindType("ukulele"));
    }

    [Fact]
    public void Synonyms_AreNotSharedBetweenTypes()
    {
        var owners = ProductVocabulary.Types
            .SelectMany(t => t.Synonyms.Append(t.Name).Append(t.DisplayName).Select(w => (Word: ProductVocabulary.Normalize(w), Type: t.Name)))
            .GroupBy(x => x.Word)
            .Where(g => g.Select(x => x.Type).Distinct().Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(owners);
    }

    [Fact]
    public void Brands_AreOrderedByListingCount()
    {
        var laptops = _taxonomy.FindType("laptop")!;
        var counts = laptops.Brands
            .Select(b => TestCatalog.Store.Catalog.Products.Count(p => p.ProductType == "laptop" && p.Brand == b))
            .ToList();

        Assert.Contains("Dell", laptops.Brands);
        Assert.Contains("Apple", laptops.Brands);
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(
            ((string[])["Nike", "Adidas", "ASICS", "Brooks", "New Balance", "Hoka", "Saucony"]).Order(StringComparer.Ordinal),
            _taxonomy.FindType("shoes")!.Brands.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PriceBands_AreThreeOrFourContiguousRoundBands()
    {
        foreach (var type in _taxonomy.ProductTypes)
        {
            var bands = type.PriceBands;
            Assert.InRange(bands.Count, 3, 4);
            Assert.Null(bands[0].Min);
            Assert.Null(bands[^1].Max);
            for (var i = 1; i < bands.Count; i++)
            {
                Assert.Equal(bands[i - 1].Max, bands[i].Min);
                Assert.True(bands[i].Min > (bands[i - 1].Min ?? 0), type.Name);
                Assert.Equal(PriceBands.Nice(bands[i].Min!.Value), bands[i].Min);
                Assert.DoesNotContain(".", bands[i].Min!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(849, 750)]
    [InlineData(1180, 1000)]
    [InlineData(460, 500)]
    [InlineData(23, 25)]
    public void Nice_Price_RoundsToNumbersPeopleSay(decimal value, decimal expected)
    {
        Assert.Equal(expected, PriceBands.Nice(value));
    }

    [Fact]
    public void AttributeKeys_AreCanonicalAndMatchWhatProductsCarry()
    {
        Assert.Equal(["ram_gb", "storage_gb", "screen_inches", "processor", "color"], _taxonomy.FindType("laptop")!.AttributeKeys);
        Assert.Equal(["screen_inches", "resolution", "refresh_hz"], _taxonomy.FindType("tv")!.AttributeKeys);
        foreach (var type in _taxonomy.ProductTypes)
        {
            Assert.All(type.AttributeKeys, key => Assert.True(AttributeKeys.IsCanonical(key), key));
            var carried = TestCatalog.Store.Catalog.Products.Where(p => p.ProductType == type.Name).SelectMany(p => p.Attributes.Keys).ToHashSet();
            Assert.Subset(type.AttributeKeys.ToHashSet(), carried);
        }
    }

    [Fact]
    public void Vocabulary_ModelLinesOnlyFixAttributesTheirTypeHas()
    {
        foreach (var type in ProductVocabulary.Types)
        {
            var keys = type.Attributes.Select(a => a.Key).ToHashSet();
            var fixedKeys = type.Brands.SelectMany(b => b.Lines).SelectMany(l => l.Fixed.Keys);
            Assert.All(fixedKeys, key => Assert.Contains(key, keys));
        }
    }
}
