namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// What the shopper wants, in the structured form every search source understands.
/// Wire shape (snake_case): <c>{product_type, attributes, filters, price, brand_preferences,
/// excluded_brands, rating_min, condition, marketplaces, keywords}</c>. <c>excluded_brands</c> and
/// <c>keywords</c> extend the original contract; clients ignore fields they do not know.
/// </summary>
public sealed record RequirementSpec
{
    /// <summary>Canonical product type from the catalog taxonomy (e.g. <c>laptop</c>), or null when unknown.</summary>
    public string? ProductType { get; init; }

    /// <summary>Attribute constraints keyed by canonical attribute name (e.g. <c>ram_gb</c>).</summary>
    public Dictionary<string, AttributeConstraint> Attributes { get; init; } = [];

    /// <summary>Free-form extra filters a source may honour (e.g. <c>shipping: free</c>).</summary>
    public Dictionary<string, string> Filters { get; init; } = [];

    public PriceRange? Price { get; init; }

    /// <summary>Brands the shopper prefers or restricts to (canonical catalog spelling).</summary>
    public List<string> BrandPreferences { get; init; } = [];

    /// <summary>Brands the shopper does not want ("no Apple").</summary>
    public List<string> ExcludedBrands { get; init; } = [];

    /// <summary>Minimum star rating 0–5, or null.</summary>
    public double? RatingMin { get; init; }

    /// <summary>One of <see cref="Conditions.All"/>, or null for any.</summary>
    public string? Condition { get; init; }

    /// <summary>Marketplaces to restrict to (amazon, walmart, ebay, target, kroger); empty = all.</summary>
    public List<string> Marketplaces { get; init; } = [];

    /// <summary>Remaining words worth a full-text match (model names, features), or null.</summary>
    public string? Keywords { get; init; }
}

/// <summary>A price band. Either bound may be null. Currency is ISO 4217, USD by default.</summary>
public sealed record PriceRange(decimal? Min, decimal? Max, string Currency = "USD");

/// <summary>
/// One attribute requirement. <see cref="Op"/> is one of <c>eq</c>, <c>gte</c>, <c>lte</c>,
/// <c>contains</c>; numeric comparisons use <see cref="Number"/>, text ones use <see cref="Text"/>,
/// boolean features (wireless, noise cancelling) use <see cref="Flag"/>.
/// </summary>
public sealed record AttributeConstraint
{
    public string Op { get; init; } = "eq";
    public double? Number { get; init; }
    public string? Text { get; init; }
    public bool? Flag { get; init; }
    /// <summary>Unit for display ("GB", "inch"), informational only.</summary>
    public string? Unit { get; init; }

    public static AttributeConstraint AtLeast(double value, string? unit = null) => new() { Op = "gte", Number = value, Unit = unit };
    public static AttributeConstraint AtMost(double value, string? unit = null) => new() { Op = "lte", Number = value, Unit = unit };
    public static AttributeConstraint EqualTo(double value, string? unit = null) => new() { Op = "eq", Number = value, Unit = unit };
    public static AttributeConstraint Is(string text) => new() { Op = "eq", Text = text };
    public static AttributeConstraint Has(bool flag = true) => new() { Op = "eq", Flag = flag };
}

public static class Conditions
{
    public static readonly IReadOnlyList<string> All = ["new", "like_new", "good", "fair", "refurbished", "used"];
}

public static class Marketplaces
{
    public static readonly IReadOnlyList<string> All = ["amazon", "walmart", "ebay", "target", "kroger"];

    public static string DisplayName(string marketplace) => marketplace switch
    {
        "amazon" => "Amazon",
        "walmart" => "Walmart",
        "ebay" => "eBay",
        "target" => "Target",
        "kroger" => "Kroger",
        _ => marketplace,
    };
}
