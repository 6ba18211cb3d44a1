using System.Diagnostics;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>The catalog service as one of the fan-out's sources, next to the built-in catalog.</summary>
public sealed class CatalogServiceTests : IAsyncLifetime
{
    private const string Remote = """
        {"products":[
          {"product_id":"CS-1","marketplace":"Walmart","title":"Remote Dell Laptop 16GB","description":"from the catalog service","price":"$579.00","currency":"USD","rating":4.7,"review_count":321,
           "condition":"new","availability":"in_stock","image_url":"https://img.example/cs1.jpg","deep_link":"https://img.example/cs1.jpg","marketplace_url":"https://www.walmart.com/ip/CS-1",
           "seller_name":"Walmart","shipping_info":"Free shipping","attributes":{"ram_gb":16},"product_type":"laptop","brand":"Dell"},
          {"title":"no id, dropped"}
        ],"total_count":1,"marketplaces_searched":["walmart"]}
        """;

    private FakeHttpService _catalog = null!;

    public async Task InitializeAsync()
    {
        _catalog = await FakeHttpService.StartAsync();
        _catalog.Handler = (ctx, body) => ctx.Request.Path.Value switch
        {
            "/search" => FakeHttpService.Json(Remote)(ctx, body),
            "/products/CS-1" => FakeHttpService.Json("""{"product_id":"CS-1","marketplace":"walmart","title":"Remote Dell Laptop 16GB","price":579}""")(ctx, body),
            _ => FakeHttpService.Json("{}", 404)(ctx, body),
        };
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    private OrchestratorHost Host(string timeoutSeconds = "2") => new(new Dictionary<string, string?>
    {
        ["CATALOG_SERVICE_URL"] = _catalog.BaseUri.ToString(),
        ["HTTP_TIMEOUT"] = "1",
        ["HTTP_MAX_RETRIES"] = "1",
        ["SEARCH_SOURCE_TIMEOUT_SECONDS"] = timeoutSeconds,
    });

    [Fact]
    public async Task Search_MergesRemoteProductsWithBuiltIn_AndSendsTheSpec()
    {
        await using var host = Host();
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("Dell laptop under $600");
        var frames = await client.ReceiveUntilAsync(default, "done", "error", "clarification");

        var results = Assert.Single(frames, f => f.Type() == "results").Data();
        var products = results.GetProperty("products").EnumerateArray().ToList();
        var remote = Assert.Single(products, p => p.GetProperty("product_id").GetString() == "CS-1");
        Assert.Equal(579m, remote.GetProperty("price").GetDecimal());
        Assert.Equal("walmart", remote.GetProperty("marketplace").GetString());
        Assert.Equal("https://www.walmart.com/ip/CS-1", remote.GetProperty("deep_link").GetString());
        Assert.Contains(products, p => p.GetProperty("product_id").GetString() != "CS-1");
        Assert.Empty(results.GetProperty("failed_sources").EnumerateArray());

        var sent = JsonDocument.Parse(_catalog.Requests.Single(r => r.Path == "/search").Body).RootElement;
        Assert.Equal("laptop", sent.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal(600m, sent.GetProperty("requirement_spec").GetProperty("price").GetProperty("max").GetDecimal());
        Assert.True(sent.GetProperty("limit").GetInt32() > 0);
    }

    public static TheoryData<string> Failures => new() { "500", "malformed", "slow", "refused" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailingCatalogService_GivesPartialResults_AndSaysSo(string failure)
    {
        _catalog.Handler = failure switch
        {
            "500" => FakeHttpService.Json("""{"detail":"down"}""", 500),
            "malformed" => FakeHttpService.Json("""{"products": [ {"product_id": """),
            _ => async (ctx, _) => await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted),
        };
        await using var host = failure == "refused"
            ? new OrchestratorHost(new Dictionary<string, string?> { ["CATALOG_SERVICE_URL"] = "http://127.0.0.1:9", ["HTTP_MAX_RETRIES"] = "0" })
            : Host(timeoutSeconds: "1.5");
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        var clock = Stopwatch.StartNew();
        await client.SendMessageAsync("Dell laptop under $600");
        var frames = await client.ReceiveUntilAsync(default, "done", "error", "clarification");

        Assert.Equal("done", frames[^1].Type());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
        var results = Assert.Single(frames, f => f.Type() == "results").Data();
        Assert.Equal(["catalog_service"], results.GetProperty("failed_sources").EnumerateArray().Select(s => s.GetString()));
        Assert.True(results.GetProperty("products").GetArrayLength() > 0);
        var answer = string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));
        Assert.Contains("catalog", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_IncludesCatalogService()
    {
        _catalog.Handler = FakeHttpService.Json("""{"status":"ok"}""");
        await using var host = Host();
        using var http = host.CreateHttpClient();

        var body = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;

        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("catalog_service").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_CountCatalogServiceCalls()
    {
        await using var host = Host();
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;
        await client.SendMessageAsync("Dell laptop under $600");
        await client.ReceiveUntilAsync(default, "done", "error", "clarification");
        using var http = host.CreateHttpClient();

        var body = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;

        var downstream = body.GetProperty("downstream").GetProperty("catalog_service");
        Assert.Equal(1, downstream.GetProperty("succeeded").GetInt64());
        Assert.Equal("ok", downstream.GetProperty("last_call").GetString());
    }
}
