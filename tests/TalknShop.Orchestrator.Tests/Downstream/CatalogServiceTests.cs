using System.Diagnostics;
using System.Text.Json;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Downstream.CatalogService;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>The real catalog-service client against a fake that follows the service's own code.</summary>
public sealed class CatalogServiceTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private CatalogServiceFake _catalog = null!;

    public async Task InitializeAsync() => _catalog = await CatalogServiceFake.StartAsync();

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        _timeout.Dispose();
    }

    private OrchestratorHost Host(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["CATALOG_SERVICE_URL"] = _catalog.BaseUri.ToString(), ["HTTP_MAX_RETRIES"] = "1" };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return new OrchestratorHost(settings);
    }

    private async Task<List<JsonElement>> TurnAsync(OrchestratorHost host, string text)
    {
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: _timeout.Token);
        await using var __ = client;
        await client.SendMessageAsync(text, cancellationToken: _timeout.Token);
        return await client.ReceiveUntilAsync(_timeout.Token, "done", "error", "clarification");
    }

    [Fact]
    public async Task Search_UsesTheRealRoute_AndShowsOnlyTheServicesListings()
    {
        await using var host = Host();

        var frames = await TurnAsync(host, "laptop with 16GB RAM under $600");

        var results = Assert.Single(frames, f => f.Type() == "results").Data();
        var products = results.GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(["amazon_B0CS1", "amazon_B0CS2", "amazon_B0CS3"], products.Select(p => p.GetProperty("product_id").GetString()).Order(StringComparer.Ordinal));
        var dell = products.Single(p => p.GetProperty("product_id").GetString() == "amazon_B0CS1");
        Assert.Equal(579m, dell.GetProperty("price").GetDecimal());
        Assert.Equal("amazon", dell.GetProperty("marketplace").GetString());
        Assert.Equal("https://www.amazon.example/dp/B0CS1", dell.GetProperty("deep_link").GetString());
        Assert.Equal("Free shipping, Tomorrow", dell.GetProperty("shipping_info").GetString());
        Assert.Equal(1321, dell.GetProperty("review_count").GetInt32());
        Assert.Empty(results.GetProperty("failed_sources").EnumerateArray());

        var sent = JsonDocument.Parse(_catalog.Requests.Single(r => r.Path == CatalogServiceFake.SearchPath).Body).RootElement;
        Assert.Equal("laptop", sent.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal(600m, sent.GetProperty("requirement_spec").GetProperty("price").GetProperty("max").GetDecimal());
        Assert.InRange(sent.GetProperty("limit").GetInt32(), 1, 100);
        Assert.Equal("16 GB", sent.GetProperty("requirement_spec").GetProperty("attributes").GetProperty("ram_gb").GetString());
        var query = Assert.Single(_catalog.Queries);
        Assert.DoesNotContain("gte", query, StringComparison.Ordinal);
        Assert.DoesNotContain("None", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SlowerThanTheFanOutsDefault_StillCounts()
    {
        // The service's own marketplace call takes 10–15 s; the fan-out's 5-s default would drop it.
        _catalog.Delay = TimeSpan.FromSeconds(6);
        await using var host = Host();

        var frames = await TurnAsync(host, "laptop under $600");

        var results = Assert.Single(frames, f => f.Type() == "results").Data();
        Assert.Equal(3, results.GetProperty("products").GetArrayLength());
        Assert.Empty(results.GetProperty("failed_sources").EnumerateArray());
    }

    [Fact]
    public async Task BuiltInCatalog_CanBeTurnedBackOn_NextToTheService()
    {
        await using var host = Host(new() { ["BUILTIN_CATALOG_ENABLED"] = "true" });

        var frames = await TurnAsync(host, "laptop under $600");

        var products = Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("products").EnumerateArray().ToList();
        Assert.Contains(products, p => !p.GetProperty("product_id").GetString()!.StartsWith("amazon_B0CS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_WithoutAProductType_IsNotSent_AsNull()
    {
        await using var host = Host();
        var source = host.Get<CatalogServiceSource>();

        var empty = await source.SearchAsync(new RequirementSpec(), 200, _timeout.Token);
        var byKeywords = await source.SearchAsync(new RequirementSpec { Keywords = "standing desk" }, 200, _timeout.Token);

        Assert.Empty(empty.Products);
        Assert.Equal(3, byKeywords.Products.Count);
        var sent = JsonDocument.Parse(Assert.Single(_catalog.Requests, r => r.Path == CatalogServiceFake.SearchPath).Body).RootElement;
        Assert.Equal("standing desk", sent.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal(100, sent.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Limit_NeverExceedsTheServicesPageSize()
    {
        await using var host = Host();
        var source = host.Get<CatalogServiceSource>();
        _catalog.Listings.Clear();

        // The service refuses a limit over 100 with a bare 500; the client never asks for more.
        var result = await source.SearchAsync(new RequirementSpec { ProductType = "laptop" }, 500, _timeout.Token);
        Assert.Empty(result.Products);
        Assert.Equal(100, JsonDocument.Parse(_catalog.Requests.Last().Body).RootElement.GetProperty("limit").GetInt32());

        using var http = host.CreateHttpClient();
        var healthy = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        Assert.Equal("healthy", healthy.GetProperty("checks").GetProperty("catalog_service").GetProperty("status").GetString());
    }

    public static TheoryData<string> Failures => new() { "500", "malformed", "slow", "refused" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailingCatalogService_IsToldToTheShopper_AndShowsOnHealth(string failure)
    {
        await using var host = failure switch
        {
            "refused" => new OrchestratorHost(new Dictionary<string, string?> { ["CATALOG_SERVICE_URL"] = "http://127.0.0.1:9", ["HTTP_MAX_RETRIES"] = "0" }),
            "slow" => Host(new() { ["CATALOG_SERVICE_TIMEOUT"] = "1" }),
            _ => Host(),
        };
        _catalog.Delay = failure == "slow" ? TimeSpan.FromSeconds(20) : TimeSpan.Zero;
        _catalog.Failure = failure is "500" or "malformed" ? failure : null;

        var clock = Stopwatch.StartNew();
        var frames = await TurnAsync(host, "Dell laptop under $600");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        var end = frames[^1];
        Assert.Equal("error", end.Type());
        Assert.Equal("search_unavailable", end.Data().GetProperty("code").GetString());
        ProtocolAssert.NoInternalText(frames);

        using var http = host.CreateHttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        var check = health.GetProperty("checks").GetProperty("catalog_service");
        Assert.Equal("degraded", check.GetProperty("status").GetString());
        Assert.StartsWith("The catalog service", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        var metrics = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;
        Assert.True(metrics.GetProperty("fallbacks").GetProperty("catalog_service").EnumerateObject().Sum(r => r.Value.GetInt64()) >= 1);
    }

    [Fact]
    public async Task ServiceError_ReasonOnHealth_NamesTheServicesDetail()
    {
        _catalog.Failure = "500";
        await using var host = Host(new() { ["HTTP_MAX_RETRIES"] = "0" });

        await Assert.ThrowsAsync<CatalogServiceException>(() => host.Get<CatalogServiceSource>().SearchAsync(new RequirementSpec { ProductType = "laptop" }, 20, _timeout.Token));

        using var http = host.CreateHttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        Assert.StartsWith("The catalog service answered 500: Error searching products: RapidAPI quota exceeded",
            health.GetProperty("checks").GetProperty("catalog_service").GetProperty("description").GetString(), StringComparison.Ordinal);
        var metrics = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;
        Assert.Equal(1, metrics.GetProperty("fallbacks").GetProperty("catalog_service").GetProperty("http_500").GetInt64());
    }

    [Fact]
    public void ValidationBody_IsReadAsFieldAndMessage()
    {
        const string Body = """{"detail":[{"type":"string_type","loc":["body","requirement_spec","product_type"],"msg":"Input should be a valid string","input":null}]}""";

        Assert.Equal("The catalog service answered 422: body.requirement_spec.product_type: Input should be a valid string",
            TalknShop.Orchestrator.Downstream.ServiceErrors.Describe("catalog service", 422, Body));
    }

    [Fact]
    public async Task Metrics_CountCatalogServiceCalls()
    {
        await using var host = Host();
        await TurnAsync(host, "Dell laptop under $600");
        using var http = host.CreateHttpClient();

        var body = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;

        var downstream = body.GetProperty("downstream").GetProperty("catalog_service");
        Assert.Equal(1, downstream.GetProperty("succeeded").GetInt64());
        Assert.Equal("ok", downstream.GetProperty("last_call").GetString());
    }
}
