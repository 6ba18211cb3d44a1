using System.Globalization;
using System.Text.Json;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Downstream.CatalogService;

/// <summary>
/// The catalog service's wire shapes, as its own models define them
/// (<c>OrchestratorSearchRequest</c>, <c>SearchResponse</c>, <c>Product</c>), and the mapping
/// from and to ours.
/// </summary>
internal static class CatalogServiceContract
{
    /// <summary>The marketplaces the service can search; it ignores the others.</summary>
    public static readonly IReadOnlyList<string> ServedMarketplaces = ["amazon", "kroger"];

    /// <summary>
    /// The request, or null when there is nothing to search for (the service needs a non-empty
    /// <c>product_type</c>, 422 for null, 500 for empty) or none of the wanted marketplaces is one it serves.
    /// </summary>
    public static CatalogSearchRequest? Request(RequirementSpec spec, int limit)
    {
        var what = !string.IsNullOrWhiteSpace(spec.ProductType) ? spec.ProductType : spec.Keywords;
        var marketplaces = spec.Marketplaces.Count == 0 ? null : spec.Marketplaces.Where(ServedMarketplaces.Contains).ToList();
        if (string.IsNullOrWhiteSpace(what) || marketplaces is { Count: 0 })
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, constraint) in spec.Attributes)
        {
            if (PlainValue(key, constraint) is { } value)
            {
                attributes[key] = value;
            }
        }

        if (!string.IsNullOrWhiteSpace(spec.Keywords) && spec.Keywords != what)
        {
            attributes["keywords"] = spec.Keywords;
        }

        var body = new OrchestratorSpec(
            what.Trim(), attributes, spec.Filters, spec.Price is { } p ? new PriceBody(p.Min, p.Max, p.Currency) : null,
            spec.BrandPreferences, spec.RatingMin, spec.Condition, marketplaces ?? []);
        return new CatalogSearchRequest(body, limit, marketplaces);
    }

    /// <summary>
    /// The service turns every attribute value into words of its search query (the original
    /// orchestrator sent plain values), so a constraint goes as the words a shopper would type:
    /// "16 GB", "black", "noise cancelling". Operators stay with our ranker, which checks them.
    /// </summary>
    public static string? PlainValue(string key, AttributeConstraint constraint)
    {
        if (constraint.Flag is { } flag)
        {
            return flag ? key.Replace('_', ' ') : null;
        }

        if (!string.IsNullOrWhiteSpace(constraint.Text))
        {
            return constraint.Text.Trim();
        }

        return constraint.Number is { } number
            ? number.ToString("0.##", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(constraint.Unit) ? "" : " " + constraint.Unit)
            : null;
    }

    public static Product? Map(RemoteProduct p, string? productType)
    {
        var id = !string.IsNullOrWhiteSpace(p.Id) ? p.Id : !string.IsNullOrWhiteSpace(p.PlatformId) ? $"{p.Platform}_{p.PlatformId}" : null;
        if (id is null || string.IsNullOrWhiteSpace(p.Title))
        {
            return null;
        }

        return new Product
        {
            ProductId = id,
            Marketplace = string.IsNullOrWhiteSpace(p.Platform) ? "amazon" : p.Platform.Trim().ToLowerInvariant(),
            Title = p.Title.Trim(),
            Description = p.Description ?? "",
            Price = Number(p.Price) is { } price and >= 0 ? price : null,
            Currency = string.IsNullOrWhiteSpace(p.Currency) ? "USD" : p.Currency,
            Rating = Number(p.Rating) is { } rating and >= 0 and <= 5 ? (double)rating : null,
            ReviewCount = Number(p.ReviewCount) is { } reviews and >= 0 and <= int.MaxValue ? (int)reviews : 0,
            Availability = string.IsNullOrWhiteSpace(p.Availability) ? "unknown" : p.Availability,
            ImageUrl = p.ImageUrl,
            // The original fell back to the image when a product had no page; a picture is not a link to buy.
            DeepLink = IsImage(p.Url) ? null : p.Url,
            MarketplaceUrl = IsImage(p.Url) ? null : p.Url,
            ShippingInfo = Shipping(p.ShippingInfo),
            ProductType = productType,
            Brand = p.Brand,
        };
    }

    /// <summary><c>{free_shipping, delivery_time}</c> in words: "Free shipping, arrives Tue, Dec 3".</summary>
    private static string? Shipping(RemoteShipping? shipping)
    {
        if (shipping is null)
        {
            return null;
        }

        var parts = new List<string>(2);
        if (shipping.FreeShipping is { } free)
        {
            parts.Add(free ? "Free shipping" : "Paid shipping");
        }

        if (!string.IsNullOrWhiteSpace(shipping.DeliveryTime))
        {
            parts.Add(shipping.DeliveryTime.Trim());
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
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

/// <summary><c>OrchestratorSearchRequest</c>: <c>{requirement_spec, limit, marketplaces}</c>.</summary>
internal sealed record CatalogSearchRequest(OrchestratorSpec RequirementSpec, int Limit, List<string>? Marketplaces);

/// <summary><c>OrchestratorRequirementSpec</c>: <c>product_type</c> is required and must be a string.</summary>
internal sealed record OrchestratorSpec(
    string ProductType, Dictionary<string, string> Attributes, Dictionary<string, string> Filters, PriceBody? Price,
    List<string> BrandPreferences, double? RatingMin, string? Condition, List<string> Marketplaces);

internal sealed record PriceBody(decimal? Min, decimal? Max, string Currency);

/// <summary><c>SearchResponse</c>: <c>{query, total_results, page, size, products, timestamp}</c>.</summary>
internal sealed record CatalogSearchResponse(string? Query, int? TotalResults, int? Page, int? Size, List<RemoteProduct>? Products);

/// <summary>The service's <c>Product</c>.</summary>
internal sealed record RemoteProduct(
    string? Id, string? Title, string? Brand, JsonElement? Price, string? Currency, string? Platform, string? PlatformId,
    JsonElement? Rating, JsonElement? ReviewCount, string? ImageUrl, string? Availability, RemoteShipping? ShippingInfo,
    string? Description, string? Url);

internal sealed record RemoteShipping(bool? FreeShipping, string? DeliveryTime);
