// Fakes write JSON literals; their arrays are built once per request on purpose.
#pragma warning disable CA1861
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>
/// The catalog service as its own code defines it (main.py, models/search.py), on a real port.
/// <c>POST /api/v1/search/orchestrator</c>: <c>requirement_spec.product_type</c> must be a string
/// (422 otherwise, pydantic's body); the query is product_type + brands + every attribute value
/// turned into text; <c>limit</c> becomes the page size, which allows at most 100 (its inner
/// SearchRequest fails validation and the handler answers a bare 500); the answer is
/// <c>{query, total_results, page, size, products, timestamp}</c> with products
/// <c>{id, title, brand, price, currency, platform, platform_id, rating, review_count, image_url,
/// availability, shipping_info: {free_shipping, delivery_time}, description, url}</c>.
/// <c>GET /api/v1/products/{id}</c> answers one product or 404 <c>{"detail": "Product not found"}</c>.
/// </summary>
public sealed class CatalogServiceFake : IAsyncDisposable
{
    public const string SearchPath = "/api/v1/search/orchestrator";

    private readonly FakeHttpService _http;

    private CatalogServiceFake(FakeHttpService http)
    {
        _http = http;
        http.Handler = HandleAsync;
    }

    public Uri BaseUri => _http.BaseUri;

    /// <summary>The listings the marketplace API returns for any query (before price filters and paging).</summary>
    public List<object> Listings { get; } =
    [
        Listing("amazon_B0CS1", "Dell Inspiron 15 Laptop, 16GB RAM, 512GB SSD", "Dell", 579.00, 4.6, 1321, free: true),
        Listing("amazon_B0CS2", "Lenovo IdeaPad Slim 3 Laptop 16GB", "Lenovo", 529.99, 4.4, 842, free: false),
        Listing("amazon_B0CS3", "HP 15.6\" Laptop 16GB DDR4", "HP", 599.00, 4.3, 2210, free: true),
    ];

    /// <summary>The query string the service built from each request (what it sends its marketplace API).</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, every search waits for it before answering (a test holds turns mid-search); <see cref="Searches"/> is released once per search that arrives.</summary>
    public Task? Hold { get; set; }

    public SemaphoreSlim Searches { get; } = new(0);

    /// <summary>"500": the service's own error (<c>{"detail": "Error searching products: …"}</c>); "malformed": a body cut short.</summary>
    public string? Failure { get; set; }

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests => _http.Requests;

    public int Count(string path) => _http.Count(path);

    public static async Task<CatalogServiceFake> StartAsync() => new(await FakeHttpService.StartAsync());

    public static object Listing(string id, string title, string brand, double price, double rating, int reviews, bool free) => new
    {
        id,
        title,
        brand,
        price,
        currency = "USD",
        platform = "amazon",
        platform_id = id["amazon_".Length..],
        rating,
        review_count = reviews,
        image_url = $"https://m.media-amazon.example/images/{id}.jpg",
        availability = "in_stock",
        shipping_info = new { free_shipping = free, delivery_time = "Tomorrow" },
        description = (string?)null,
        url = $"https://www.amazon.example/dp/{id["amazon_".Length..]}",
    };

    private async Task HandleAsync(HttpContext context, string body)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/health")
        {
            await Write(context, 200, new { status = "ok", service = "catalog-service" });
            return;
        }

        if (path.StartsWith("/api/v1/products/", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(path["/api/v1/products/".Length..]);
            var found = Listings.FirstOrDefault(l => JsonSerializer.SerializeToElement(l).GetProperty("id").GetString() == id);
            await Write(context, found is null ? 404 : 200, found ?? new { detail = "Product not found" });
            return;
        }

        if (path != SearchPath || !HttpMethods.IsPost(context.Request.Method))
        {
            await Write(context, 404, new { detail = "Not Found" });
            return;
        }

        var json = JsonDocument.Parse(body).RootElement;
        if (!json.TryGetProperty("requirement_spec", out var spec) || spec.ValueKind != JsonValueKind.Object)
        {
            await Write(context, 422, new { detail = new[] { new { type = "missing", loc = new[] { "body", "requirement_spec" }, msg = "Field required", input = json } } });
            return;
        }

        if (!spec.TryGetProperty("product_type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            await Write(context, 422, new { detail = new[] { new { type = "string_type", loc = new[] { "body", "requirement_spec", "product_type" }, msg = "Input should be a valid string", input = type.ValueKind == JsonValueKind.Undefined ? null : type.ToString() } } });
            return;
        }

        var size = json.TryGetProperty("limit", out var limit) && limit.ValueKind == JsonValueKind.Number ? limit.GetInt32() : 20;
        var query = Query(type.GetString()!, spec);
        if (size > 100 || size < 1 || query.Length == 0)
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Internal Server Error", context.RequestAborted);
            return;
        }

        Queries.Enqueue(query);
        if (Failure == "500")
        {
            await Write(context, 500, new { detail = "Error searching products: RapidAPI quota exceeded" });
            return;
        }

        if (Failure == "malformed")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"query": "laptop", "total_results": 1, "products": [{"id": """, context.RequestAborted);
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        Searches.Release();
        if (Hold is { } hold)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        var max = spec.TryGetProperty("price", out var price) && price.ValueKind == JsonValueKind.Object && price.TryGetProperty("max", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : (double?)null;
        var products = Listings.Select(l => JsonSerializer.SerializeToElement(l)).Where(p => max is null || p.GetProperty("price").GetDouble() <= max).ToList();
        await Write(context, 200, new { query, total_results = products.Count, page = 1, size = Math.Min(size, products.Count), products = products.Take(size), timestamp = DateTime.UtcNow });
    }

    // The service's own query building: product_type, brands, then str() of each attribute value.
    private static string Query(string productType, JsonElement spec)
    {
        var parts = new List<string> { productType };
        if (spec.TryGetProperty("brand_preferences", out var brands) && brands.ValueKind == JsonValueKind.Array)
        {
            parts.AddRange(brands.EnumerateArray().Select(b => b.ToString()));
        }

        if (spec.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in attributes.EnumerateObject().Select(a => a.Value))
            {
                parts.AddRange(value.ValueKind switch
                {
                    JsonValueKind.Array => value.EnumerateArray().Select(Python),
                    JsonValueKind.Object => value.EnumerateObject().Select(v => Python(v.Value)),
                    JsonValueKind.Null => [],
                    _ => [Python(value)],
                });
            }
        }

        return string.Join(" ", parts.Where(p => p.Length > 0)).Trim();
    }

    private static string Python(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "None",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => value.ToString(),
    };

    private static async Task Write(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _http.DisposeAsync();
        Searches.Dispose();
    }
}
