using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding.Llm;

namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>The LLM path's repair of the issue-16 fields: what the model got right is kept, the rest checked or dropped.</summary>
public sealed class SpecRepairDialogueFieldsTests(TaxonomyFixture fixture) : IClassFixture<TaxonomyFixture>
{
    private RequirementSpec Read(string reply, RequirementSpec? current = null) =>
        SpecRepair.Read(ModelJson.FindObject(reply) ?? throw new InvalidOperationException("no JSON"), current, fixture.Taxonomy).Spec;

    [Fact]
    public void Read_Comparison_KeepsBothSidesWithCatalogBrands()
    {
        var spec = Read("""
            {"product_type": "game_console", "brand_preferences": ["Sony", "Microsoft"],
             "compare": [{"label": "ps5", "brand": "sony", "line": "PlayStation 5"}, {"label": "xbox", "brand": "Microsoft", "line": "Xbox Series X"}],
             "product_lines": ["PlayStation 5", "Xbox Series X", "Gameboy Ultra"]}
            """);

        Assert.Equal(["Sony", "Microsoft"], spec.Compare.Select(c => c.Brand));
        Assert.Equal(["PlayStation 5", "Xbox Series X"], spec.ProductLines);
    }

    [Fact]
    public void Read_OneSidedComparisonAndUnknownIntent_AreDropped()
    {
        var spec = Read("""{"product_type": "laptop", "compare": [{"label": "macbook"}], "intent": "chit_chat", "referenced_result": 0}""");

        Assert.Empty(spec.Compare);
        Assert.Equal(Intents.Shop, spec.Intent);
        Assert.Null(spec.ReferencedResult);
    }

    [Fact]
    public void Read_ProductQuestion_KeepsTheCurrentSpecAndReadsThePosition()
    {
        var current = new RequirementSpec { ProductType = "coffee_maker", Price = new PriceRange(null, 200) };

        var spec = Read("""{"new_search": false, "intent": "product_question", "referenced_result": 2}""", current);

        Assert.Equal("coffee_maker", spec.ProductType);
        Assert.Equal(new PriceRange(null, 200), spec.Price);
        Assert.Equal(Intents.ProductQuestion, spec.Intent);
        Assert.Equal(2, spec.ReferencedResult);
    }

    [Fact]
    public void Read_QualifierCurrencyAndUnsupportedItem_AreKept()
    {
        var spec = Read("""{"product_type": "laptop", "price": {"max": 900, "currency": "eur"}, "price_qualifier": "cheap", "unsupported_item": "kayak", "keywords_required": true}""");

        Assert.Equal(new PriceRange(null, 900, "EUR"), spec.Price);
        Assert.Equal(PriceQualifiers.Budget, spec.PriceQualifier);
        Assert.Equal("kayak", spec.UnsupportedItem);
        Assert.True(spec.KeywordsRequired);
    }
}
