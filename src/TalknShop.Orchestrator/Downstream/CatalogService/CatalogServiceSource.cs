using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Downstream.CatalogService;

/// <summary>
/// The remote catalog service as one more <see cref="IProductSource"/>:
/// <c>POST {CATALOG_SERVICE_URL}/search</c> with <c>{requirement_spec, limit}</c> →
/// <c>{products, total_count, marketplaces_searched}</c>, and <c>GET /products/{id}</c>.
/// Its products are mapped onto our contract leniently (a price sent as text still counts);
/// failures throw, and the fan-out reports the source as failed.
/// </summary>
internal sealed class CatalogServiceSource(
    IHttpClientFactory clients, IOptions<DownstreamOptions> options, OrchestratorMetrics metrics, ILogger<CatalogServiceSource> logger) : IProductSource
{
    public const string HttpClientName = "catalog-service";

    public string Name => "catalog_service";

    public async Task<SourceResult> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var result = await SearchCoreAsync(spec, limit, cancellationToken).ConfigureAwait(false);
            metrics.DownstreamCall(Name, ok: true);
            return result;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DownstreamLog.CallError(logger, ex, Name, options.Value.CatalogSearchPath);
            metrics.DownstreamCall(Name, ok: false);
            throw;
        }
    }

    private async Task<SourceResult> SearchCoreAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
    {
        var path = options.Value.CatalogSearchPath;
        var http = clients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(path, new CatalogSearchRequest(spec, limit), DownstreamJsonContext.Default.CatalogSearchRequest, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            DownstreamLog.CallFailed(logger, Name, path, (int)response.StatusCode);
            response.EnsureSuccessStatusCode();
        }

        var body = await response.Content.ReadFromJsonAsync(DownstreamJsonContext.Default.CatalogSearchResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The catalog service answered with an empty body.");
        var products = (body.Products ?? []).Select(Map).OfType<Product>().Take(limit).ToList();
        var marketplaces = body.MarketplacesSearched ?? [.. products.Select(p => p.Marketplace).Distinct(StringComparer.Ordinal)];
        return new SourceResult(products, Math.Max(body.TotalCount ?? products.Count, products.Count), marketplaces);
    }

    /// <summary>One product's details, or null when the service does not know it.</summary>
    public async Task<Product?> GetProductAsync(string productId, CancellationToken cancellationToken)
    {
        var path = options.Value.CatalogProductPath.Replace("{id}", Uri.EscapeDataString(productId), StringComparison.Ordinal);
        using var response = await clients.CreateClient(HttpClientName).GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(DownstreamJsonContext.Default.RemoteProduct, cancellationToken).ConfigureAwait(false);
        return body is null ? null : Map(body);
    }

    private static Product? Map(RemoteProduct p)
    {
        if (string.IsNullOrWhiteSpace(p.ProductId) || string.IsNullOrWhiteSpace(p.Title))
        {
            return null;
        }

        var marketplace = (p.Marketplace ?? "unknown").ToLowerInvariant();
        return new Product
        {
            ProductId = p.ProductId,
            Marketplace = marketplace,
            Title = p.Title,
            Description = p.Description ?? "",
            Price = Number(p.Price) is { } price and >= 0 ? price : null,
            Currency = p.Currency ?? "USD",
            Rating = Number(p.Rating) is { } rating and >= 0 and <= 5 ? (double)rating : null,
            ReviewCount = (int)(Number(p.ReviewCount) ?? 0),
            Condition = p.Condition ?? "new",
            Availability = p.Availability ?? "unknown",
            ImageUrl = p.ImageUrl,
            // A link that points at an image is not a product page (the original mixed them up).
            DeepLink = IsImage(p.DeepLink) ? p.MarketplaceUrl : p.DeepLink,
            MarketplaceUrl = IsImage(p.MarketplaceUrl) ? null : p.MarketplaceUrl,
            SellerName = p.SellerName,
            ShippingInfo = p.ShippingInfo,
            Attributes = p.Attributes?.ToDictionary(a => a.Key, a => a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString()! : a.Value.GetRawText(), StringComparer.Ordinal) ?? [],
            ProductType = p.ProductType,
            Brand = p.Brand,
        };
    }

    private static decimal? Number(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d) => d,
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString()?.TrimStart('$').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static bool IsImage(string? url) =>
        url is not null && (url.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || url.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
            || url.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || url.EndsWith(".webp", StringComparison.OrdinalIgnoreCase));
}

internal sealed record CatalogSearchRequest(RequirementSpec RequirementSpec, int Limit);

internal sealed record CatalogSearchResponse(List<RemoteProduct>? Products, int? TotalCount, List<string>? MarketplacesSearched);

internal sealed record RemoteProduct(
    string? ProductId, string? Marketplace, string? Title, string? Description, JsonElement? Price, string? Currency, JsonElement? Rating,
    JsonElement? ReviewCount, string? Condition, string? Availability, string? ImageUrl, string? DeepLink, string? MarketplaceUrl,
    string? SellerName, string? ShippingInfo, Dictionary<string, JsonElement>? Attributes, string? ProductType, string? Brand);
