using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Catalog.Data;

/// <summary>
/// One line of the catalog data file. Unlike <see cref="Product"/> it keeps the type and brand,
/// which the wire hides but the catalog filters on.
/// </summary>
internal sealed record CatalogEntry
{
    public required string ProductId { get; init; }
    public required string ProductType { get; init; }
    public required string Brand { get; init; }
    public required string Marketplace { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public decimal? Price { get; init; }
    public string Currency { get; init; } = "USD";
    public double? Rating { get; init; }
    public int ReviewCount { get; init; }
    public required string Condition { get; init; }
    public required string Availability { get; init; }
    public required string ImageUrl { get; init; }
    public required string DeepLink { get; init; }
    public required string MarketplaceUrl { get; init; }
    public required string SellerName { get; init; }
    public required string ShippingInfo { get; init; }
    public Dictionary<string, string> Attributes { get; init; } = [];

    public Product ToProduct() => new()
    {
        ProductId = ProductId,
        ProductType = ProductType,
        Brand = Brand,
        Marketplace = Marketplace,
        Title = Title,
        Description = Description,
        Price = Price,
        Currency = Currency,
        Rating = Rating,
        ReviewCount = ReviewCount,
        Condition = Condition,
        Availability = Availability,
        ImageUrl = ImageUrl,
        DeepLink = DeepLink,
        MarketplaceUrl = MarketplaceUrl,
        SellerName = SellerName,
        ShippingInfo = ShippingInfo,
        // Read-only (in the file's order): searches hand these products out without copying, so nothing may change them.
        Attributes = Attributes.AsReadOnly(),
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CatalogEntry))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
