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

    /// <summary>ISO 4217 code of the amounts when the shopper named a currency other than dollars, or null.</summary>
    public string? Currency { get; set; }

    /// <summary>Brands as mentioned, in text order, with whether each was ruled out (comparisons read them).</summary>
    public List<(PhraseHit Hit, bool Excluded)> BrandMentions { get; } = [];

    public List<LineHit> Lines { get; } = [];

    public List<ComparisonOption> Compare { get; } = [];

    public string? UseCase { get; set; }

    /// <summary>True when a used or refurbished condition was ruled out ("no refurbished").</summary>
    public bool RuledOutSecondHand { get; set; }

    /// <summary>True when the message states anything to search for (not only a type already being searched).</summary>
    public bool StatesConstraints =>
        HasPrice || PriceIntent != PriceIntent.None || Brands.Count > 0 || ExcludedBrands.Count > 0 || Attributes.Count > 0
        || RatingMin is not null || Condition is not null || Lines.Count > 0 || Marketplaces.Count > 0 || RuledOutSecondHand;

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
