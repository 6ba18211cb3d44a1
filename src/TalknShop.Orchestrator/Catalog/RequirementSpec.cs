namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// What the shopper wants, in the structured form every search source understands.
/// Wire shape (snake_case): <c>{product_type, attributes, filters, price, brand_preferences,
/// excluded_brands, rating_min, condition, marketplaces, keywords, keywords_required, product_lines, compare,
/// referenced_result, use_case, intent, unsupported_item, price_qualifier}</c>. Everything after
/// <c>marketplaces</c> extends the original contract; clients ignore fields they do not know.
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

    /// <summary>True when the shopper marked the keywords as a must (quotes, "must have"); otherwise they rank, not filter.</summary>
    public bool KeywordsRequired { get; init; }

    /// <summary>Named lines or models taken from the catalog's own titles ("pixel 8", "galaxy s24").</summary>
    public List<string> ProductLines { get; init; } = [];

    /// <summary>Two or more sides when the shopper compares ("A vs B", "A or B"); empty = not a comparison.</summary>
    public List<ComparisonOption> Compare { get; init; } = [];

    /// <summary>1-based position of a product shown in the previous results ("the second one"), or null.</summary>
    public int? ReferencedResult { get; init; }

    /// <summary>A need the shopper described instead of naming a type ("drawing", "back pain at desk"), or null.</summary>
    public string? UseCase { get; init; }

    /// <summary>One of <see cref="Intents.All"/>; <c>shop</c> unless the turn is dialogue or off-topic.</summary>
    public string Intent { get; init; } = Intents.Shop;

    /// <summary>An item the shopper named that the catalog does not carry ("kayak"), or null.</summary>
    public string? UnsupportedItem { get; init; }

    /// <summary><c>budget</c> or <c>premium</c> when said without a number ("cheap"), or null. Never a made-up amount.</summary>
    public string? PriceQualifier { get; init; }
}

/// <summary>One side of a comparison; any of brand, line and type may be known.</summary>
public sealed record ComparisonOption(string Label, string? Brand, string? Line, string? ProductType);

/// <summary>What a turn asks for. Only <c>shop</c> searches.</summary>
public static class Intents
{
    public const string Shop = "shop";
    public const string ProductQuestion = "product_question";
    public const string Thanks = "thanks";
    public const string Greeting = "greeting";
    public const string Support = "support";
    public const string OffTopic = "off_topic";

    public static readonly IReadOnlyList<string> All = [Shop, ProductQuestion, Thanks, Greeting, Support, OffTopic];
}

/// <summary>Price words said without a number.</summary>
public static class PriceQualifiers
{
    public const string Budget = "budget";
    public const string Premium = "premium";
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
