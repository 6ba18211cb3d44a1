using System.Text.Json;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Tests.Catalog.Evaluation;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.BuyerFlow;

/// <summary>
/// Searches that used to dead-end, as a shopper meets them over a real socket against the built-in
/// catalog: leftover words, rounded sizes, nothing matching, "no preference", one question at most.
/// </summary>
public sealed class SearchRecoveryTests : IAsyncLifetime
{
    private static readonly List<CatalogEntry> Catalog = CatalogFile.Parse(CatalogFile.ReadEmbedded());
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(SearchEvaluationTests.ShopperHostSettings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("laptop for college under $1000", "laptop")]
    [InlineData("headphones for my daily commute under $200", "headphones")]
    [InlineData("a blender for my grandmother's smoothies under 150", "blender")]
    [InlineData("tv under $600 for the basement", "tv")]
    public async Task Search_LeftoverWords_NeverEmptyTheResults(string message, string type)
    {
        using var timeout = Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync(message, cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        var products = Products(frames);
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.Equal(type, Entry(p).ProductType));
    }

    [Fact]
    public async Task Search_RoundedScreenSize_MatchesTheNearSize()
    {
        using var timeout = Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("13 inch laptop under $1500", cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        var products = Products(frames);
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.Equal("13.3", Entry(p).Attributes["screen_inches"]));
    }

    [Fact]
    public async Task Search_NoBrandMatchUnderBudget_RelaxesTheBrandAndSaysSo()
    {
        // A budget under the cheapest Samsung TV that other brands still meet.
        var cheapestSamsung = Catalog.Where(e => e.ProductType == "tv" && e.Brand == "Samsung" && e.Price is not null).Min(e => e.Price!.Value);
        var budget = Math.Floor(cheapestSamsung) - 1;
        Assert.Contains(Catalog, e => e.ProductType == "tv" && e.Price <= budget);
        using var timeout = Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync($"Samsung TV under ${budget}", cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        var products = Products(frames);
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.True(Entry(p).Price <= budget));
        var answer = Answer(frames);
        Assert.StartsWith($"I couldn't find Samsung TVs under ${budget}; the cheapest is ${cheapestSamsung:#,0.00}. Here are TVs under ${budget} instead, from other brands.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NothingMatchesEvenRelaxed_EndsInAQuestionWhoseSuggestionsFindProducts()
    {
        using var timeout = Timeout();
        var question = await AskAsync("Samsung TV under $20", timeout.Token);

        Assert.StartsWith("I couldn't find any Samsung TVs under $20", question.Question, StringComparison.Ordinal);
        Assert.Contains(question.Suggestions, s => s.StartsWith("Raise the budget to $", StringComparison.Ordinal));
        Assert.Contains("Show all TVs", question.Suggestions);
        foreach (var suggestion in question.Suggestions)
        {
            var (ids, outcome) = await ShopperDriver.ClickAsync(_host, question, suggestion, timeout.Token);
            Assert.True(ids.Count > 0, $"'{suggestion}' gave {outcome}");
        }
    }

    [Theory]
    [InlineData("no preference")]
    [InlineData("Whatever")]
    [InlineData("any price")]
    [InlineData("just show me")]
    [InlineData("I don't care.")]
    public async Task Answer_NoPreference_SearchesWithoutAddingWords(string reply)
    {
        using var timeout = Timeout();
        var (client, _) = await ChatClient.OpenAsync(_host, cancellationToken: timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("I need a tv", cancellationToken: timeout.Token);
        var first = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");
        Assert.Equal("clarification", first[^1].Type());
        Assert.Contains("No preference", first[^1].Data().GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));

        await client.SendJsonAsync(new { type = "answer", message = reply }, timeout.Token);
        var second = await client.ReceiveUntilAsync(timeout.Token, "done", "clarification", "error");

        Assert.Equal("done", second[^1].Type());
        var products = Products(second);
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.Equal("tv", Entry(p).ProductType));
        var spec = Assert.Single(second, f => f.Type() == "results").Data().GetProperty("requirement_spec");
        Assert.Equal(JsonValueKind.Null, spec.GetProperty("keywords").ValueKind);
    }

    [Fact]
    public async Task Search_NamedTypeOfEveryKind_AsksAtMostOneQuestion()
    {
        using var timeout = Timeout(TimeSpan.FromMinutes(2));
        foreach (var type in Catalog.Select(e => e.ProductType).Distinct())
        {
            var noun = type.Replace('_', ' ');
            var conversation = await ShopperDriver.RunAsync(_host, [$"I want a {noun}"], timeout.Token);

            Assert.True(conversation.QuestionsBeforeProducts <= 1, $"{conversation.QuestionsBeforeProducts} questions for '{noun}'");
            Assert.NotEmpty(conversation.ProductIds);
        }
    }

    private async Task<AskedQuestion> AskAsync(string message, CancellationToken cancellationToken)
    {
        var conversation = await ShopperDriver.RunAsync(_host, [message], cancellationToken);
        return Assert.Single(conversation.Questions);
    }

    internal static CancellationTokenSource Timeout(TimeSpan? within = null) => new(within ?? TimeSpan.FromSeconds(30));

    private static List<string> Products(List<JsonElement> frames) =>
        [.. Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("products").EnumerateArray().Select(p => p.GetProperty("product_id").GetString()!)];

    private static CatalogEntry Entry(string id) => Catalog.Single(e => e.ProductId == id);

    private static string Answer(IEnumerable<JsonElement> frames) =>
        string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));
}
