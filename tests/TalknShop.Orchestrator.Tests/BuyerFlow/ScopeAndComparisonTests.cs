using System.Text.Json;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Tests.Catalog.Evaluation;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.BuyerFlow;

/// <summary>
/// What the flow does with the spec fields the understanding layer sets: items the catalog does not
/// carry, turns that are not a search, and comparisons. The extractor is scripted for those messages.
/// </summary>
public sealed class ScopeAndComparisonTests : IAsyncLifetime
{
    private static readonly List<CatalogEntry> Catalog = CatalogFile.Parse(CatalogFile.ReadEmbedded());

    private static readonly Dictionary<string, RequirementSpec> Scripted = new(StringComparer.Ordinal)
    {
        ["I want a kayak"] = new() { UnsupportedItem = "kayak" },
        ["where is my order?"] = new() { Intent = Intents.Support },
        ["hello"] = new() { Intent = Intents.Greeting },
        ["iphone 16 vs pixel 9"] = new()
        {
            ProductType = "phone",
            Compare = [new("iPhone 16", "Apple", "iphone 16", "phone"), new("Pixel 9", "Google", "pixel 9", "phone")],
        },
        ["sony or bose headphones under $300"] = new()
        {
            ProductType = "headphones",
            Price = new PriceRange(null, 300),
            Compare = [new("Sony", "Sony", null, null), new("Bose", "Bose", null, null)],
        },
    };

    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(SearchEvaluationTests.ShopperHostSettings, ScriptedExtractor.Install(Scripted));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Message_ItemNotCarried_SaysWeDontCarryItAndOffersTypesWithProducts()
    {
        using var timeout = SearchRecoveryTests.Timeout();
        var conversation = await ShopperDriver.RunAsync(_host, ["I want a kayak"], timeout.Token);

        var question = conversation.Questions[0];
        Assert.StartsWith("Sorry, we don't carry kayaks.", question.Question, StringComparison.Ordinal);
        Assert.NotEmpty(question.Suggestions);
        foreach (var suggestion in question.Suggestions)
        {
            var (ids, outcome) = await ShopperDriver.ClickAsync(_host, question, suggestion, timeout.Token);
            Assert.True(ids.Count > 0, $"'{suggestion}' gave {outcome}");
        }
    }

    [Theory]
    [InlineData("where is my order?", "can't look up orders")]
    [InlineData("hello", "What are you shopping for?")]
    public async Task Message_NotASearch_GetsAShortReplyAndNoProducts(string message, string expected)
    {
        using var timeout = SearchRecoveryTests.Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync(message, cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        Assert.Equal("clarification", frames[^1].Type());
        Assert.Contains(expected, frames[^1].Data().GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(frames, f => f.Type() == "results");
    }

    [Fact]
    public async Task Message_Comparison_ComparesPointByPointAndShowsBothSides()
    {
        using var timeout = SearchRecoveryTests.Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("iphone 16 vs pixel 9", cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        var titles = Titles(frames);
        Assert.Contains(titles, t => t.StartsWith("Apple iPhone 16 ", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Google Pixel 9 ", StringComparison.Ordinal));
        Assert.All(titles, t => Assert.True(t.Contains("iPhone 16", StringComparison.Ordinal) || t.Contains("Pixel 9", StringComparison.Ordinal), t));
        var answer = Answer(frames);
        Assert.StartsWith("Here's how iPhone 16 and Pixel 9 compare:\n- Price: iPhone 16 $", answer, StringComparison.Ordinal);
        Assert.Contains("\n- Rating: iPhone 16 ", answer, StringComparison.Ordinal);
        Assert.Contains("\n- Which fits: ", answer, StringComparison.Ordinal);
        Assert.Contains("\nBest iPhone 16: Apple iPhone 16 ", answer, StringComparison.Ordinal);
        Assert.Contains("\nBest Pixel 9: Google Pixel 9 ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_BrandComparisonWithBudget_KeepsTheBudgetForBothSides()
    {
        using var timeout = SearchRecoveryTests.Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("sony or bose headphones under $300", cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        var products = Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("products").EnumerateArray().ToList();
        var brands = products.Select(p => Catalog.Single(e => e.ProductId == p.GetProperty("product_id").GetString()).Brand).ToHashSet();
        Assert.Equal(["Bose", "Sony"], brands.Order());
        Assert.All(products, p => Assert.True(p.GetProperty("price").GetDecimal() <= 300m));
        Assert.Contains("- Which fits: within your $300 budget, Sony has ", Answer(frames), StringComparison.Ordinal);
    }

    private static List<string> Titles(List<JsonElement> frames) =>
        [.. Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("products").EnumerateArray().Select(p => p.GetProperty("title").GetString()!)];

    private static string Answer(IEnumerable<JsonElement> frames) =>
        string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));
}
