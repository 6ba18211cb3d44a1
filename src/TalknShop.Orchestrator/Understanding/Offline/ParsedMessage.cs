using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>What a price word asks for when no amount was given.</summary>
internal enum PriceIntent
{
    None,
    /// <summary>"cheap", "budget": the type's lowest band.</summary>
    Cheap,
    /// <summary>"premium", "high end": the type's highest band.</summary>
    Premium,
    /// <summary>"cheaper": lower the current maximum.</summary>
    Cheaper,
    /// <summary>"more expensive": raise the floor.</summary>
    Pricier,
}

/// <summary>Everything one message said, before it is merged into a spec.</summary>
internal sealed class ParsedMessage
{
    public string? ProductType { get; set; }

    public Dictionary<string, AttributeConstraint> Attributes { get; } = new(StringComparer.Ordinal);

    public decimal? MinPrice { get; set; }

    public decimal? MaxPrice { get; set; }

    public bool HasPrice => MinPrice is not null || MaxPrice is not null;

    public PriceIntent PriceIntent { get; set; }

    public List<string> Brands { get; } = [];

    public List<string> ExcludedBrands { get; } = [];

    /// <summary>"also Lenovo", "HP too": add to the preferred brands instead of replacing them.</summary>
    public bool AddsBrands { get; set; }

    public double? RatingMin { get; set; }

    public string? Condition { get; set; }

    public List<string> Marketplaces { get; } = [];

    public List<string> Keywords { get; } = [];

    public void AddBrand(string brand, bool excluded)
    {
        var (target, other) = excluded ? (ExcludedBrands, Brands) : (Brands, ExcludedBrands);
        other.RemoveAll(b => b.Equals(brand, StringComparison.OrdinalIgnoreCase));
        if (!target.Contains(brand, StringComparer.OrdinalIgnoreCase))
        {
            target.Add(brand);
        }
    }

    /// <summary>Sets an attribute unless this message already set it (the first mention wins).</summary>
    public void SetAttribute(string key, AttributeConstraint constraint) => Attributes.TryAdd(key, constraint);
}
