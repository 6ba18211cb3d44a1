using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.BuyerFlow;

/// <summary>
/// The assistant as <c>dotnet run</c> serves it: built-in catalog and offline understanding, no
/// test doubles, over a real socket.
/// </summary>
public sealed class OfflineAssistantTests : IAsyncLifetime
{
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TextSearch_ReturnsLaptopsWithinBudget()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendMessageAsync("I need a laptop under $1000");
        var frames = await client.ReceiveUntilAsync(default, "done", "clarification", "error");

        Assert.Equal("done", frames[^1].Type());
        var results = Assert.Single(frames, f => f.Type() == "results").Data();
        ProtocolAssert.ProductsFollowContract(results.GetProperty("products"));
        Assert.All(results.GetProperty("products").EnumerateArray(), p => Assert.True(p.GetProperty("price").GetDecimal() <= 1000m));
        Assert.Equal("laptop", results.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.True(results.GetProperty("total_count").GetInt32() >= results.GetProperty("products").GetArrayLength());
        Assert.NotEmpty(results.GetProperty("marketplaces_searched").EnumerateArray());
        ProtocolAssert.NoInternalText(frames);
        Assert.Contains("$", Answer(frames), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VagueRequest_ClarifiesWithConcreteSuggestions_AndSuggestionAnswersIt()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendMessageAsync("I want some headphones");
        var first = await client.ReceiveUntilAsync(default, "done", "clarification", "error");
        var question = first[^1];
        Assert.Equal("clarification", question.Type());
        Assert.False(string.IsNullOrWhiteSpace(question.Data().GetProperty("question").GetString()));
        var suggestions = question.Data().GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.True(suggestions.Count >= 2);
        Assert.Contains(suggestions, s => s.Contains('$', StringComparison.Ordinal));

        var budget = suggestions.First(s => s.Contains('$', StringComparison.Ordinal));
        await client.SendJsonAsync(new { type = "answer", message = budget });
        var second = await client.ReceiveUntilAsync(default, "done", "clarification", "error");
        if (second[^1].Type() == "clarification")
        {
            await client.SendMessageAsync(second[^1].Data().GetProperty("suggestions")[0].GetString()!);
            second = await client.ReceiveUntilAsync(default, "done", "error");
        }

        var spec = Assert.Single(second, f => f.Type() == "results").Data().GetProperty("requirement_spec");
        Assert.Equal("headphones", spec.GetProperty("product_type").GetString());
        Assert.Equal(JsonValueKind.Object, spec.GetProperty("price").ValueKind);
        ProtocolAssert.NoInternalText(first.Concat(second));
    }

    [Fact]
    public async Task NewSearch_VersusRefinement()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendMessageAsync("Samsung phone under $900");
        var phones = Spec(await client.ReceiveUntilAsync(default, "done", "error"));
        Assert.Equal("phone", phones.GetProperty("product_type").GetString());

        await client.SendMessageAsync("cheaper");
        var cheaper = Spec(await client.ReceiveUntilAsync(default, "done", "error"));
        Assert.Equal("phone", cheaper.GetProperty("product_type").GetString());
        Assert.True(cheaper.GetProperty("price").GetProperty("max").GetDecimal() < 900m);
        Assert.Contains("Samsung", cheaper.GetProperty("brand_preferences").EnumerateArray().Select(b => b.GetString()));

        await client.SendMessageAsync("actually, show me tablets under $400");
        var tablets = Spec(await client.ReceiveUntilAsync(default, "done", "clarification", "error"));
        Assert.Equal("tablet", tablets.GetProperty("product_type").GetString());
        Assert.Empty(tablets.GetProperty("brand_preferences").EnumerateArray());
    }

    private static JsonElement Spec(List<JsonElement> frames) =>
        Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec");

    private static string Answer(IEnumerable<JsonElement> frames) =>
        string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));
}
