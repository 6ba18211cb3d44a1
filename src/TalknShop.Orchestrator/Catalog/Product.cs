namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// One product as clients receive it in <c>results.products</c>: the 17 fields of the protocol
/// page, all present, <c>price</c> a number. <see cref="ProductType"/> is internal bookkeeping and
/// is not written to the wire.
/// </summary>
public sealed record Product
{
    public required string ProductId { get; init; }
    public required string Marketplace { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Null when the source did not know the price; such products never rank first.</summary>
    public decimal? Price { get; init; }
    public string Currency { get; init; } = "USD";
    public double? Rating { get; init; }
    public int ReviewCount { get; init; }
    public string Condition { get; init; } = "new";
    public string Availability { get; init; } = "in_stock";
    public string? ImageUrl { get; init; }
    /// <summary>Link to the product page. Never an image URL.</summary>
    public string? DeepLink { get; init; }
    /// <summary>Link to the marketplace's product page or storefront. Never an image URL.</summary>
    public string? MarketplaceUrl { get; init; }
    public string? SellerName { get; init; }
    public string? ShippingInfo { get; init; }
    /// <summary>
    /// Read-only, so a search hands out the loaded catalog's own products: copying each product's
    /// attributes (up to 200 per search) to protect the catalog was a tenth of a search's cost.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    /// <summary>Why the ranker placed this product, in words; empty until ranked.</summary>
    public string WhyRanked { get; init; } = "";

    [System.Text.Json.Serialization.JsonIgnore]
    public string? ProductType { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string? Brand { get; init; }
}
