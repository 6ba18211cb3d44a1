using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>Turns a parsed message into a spec: a fresh one, or the current one refined.</summary>
internal static class SpecMerger
{
    // "cheaper" shows things about a fifth below what the shopper has seen.
    private const decimal CheaperFactor = 0.8m;
    private const int MaxKeywords = 5;

    /// <summary>"cheap" without a number is a qualifier, never an amount the shopper did not say.</summary>
    public static RequirementSpec Fresh(ParsedMessage parsed, ProductTypeInfo? type) => new()
    {
        ProductType = parsed.ProductType,
        Attributes = new Dictionary<string, AttributeConstraint>(parsed.Attributes, StringComparer.Ordinal),
        Price = parsed.HasPrice ? new PriceRange(parsed.MinPrice, parsed.MaxPrice, parsed.Currency ?? "USD") : null,
        PriceQualifier = parsed.HasPrice ? null : Qualifier(parsed.PriceIntent),
        ProductLines = [.. parsed.Lines.Select(l => l.Name).Distinct(StringComparer.OrdinalIgnoreCase)],
        Compare = [.. parsed.Compare],
        UseCase = parsed.UseCase,
        BrandPreferences = [.. parsed.Brands],
        ExcludedBrands = [.. parsed.ExcludedBrands],
        RatingMin = parsed.RatingMin,
        Condition = parsed.Condition,
        Marketplaces = [.. parsed.Marketplaces],
        Keywords = parsed.Keywords.Count > 0 ? string.Join(' ', parsed.Keywords) : null,
    };

    /// <summary>New constraints override old ones of the same kind; everything else is kept.</summary>
    public static RequirementSpec Merge(RequirementSpec current, ParsedMessage parsed, ProductTypeInfo? type)
    {
        var attributes = new Dictionary<string, AttributeConstraint>(current.Attributes, StringComparer.Ordinal);
        foreach (var (key, constraint) in parsed.Attributes)
        {
            attributes[key] = constraint;
        }

        var excluded = current.ExcludedBrands
            .Where(b => !parsed.Brands.Contains(b, StringComparer.OrdinalIgnoreCase))
            .Concat(parsed.ExcludedBrands)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var preferred = (parsed.Brands.Count == 0 || parsed.AddsBrands ? current.BrandPreferences.Concat(parsed.Brands) : parsed.Brands)
            .Where(b => !excluded.Contains(b, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var keywords = (current.Keywords ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(parsed.Keywords)
            .Distinct(StringComparer.Ordinal)
            .TakeLast(MaxKeywords)
            .ToList();

        var price = MergePrice(current.Price, parsed, type);
        return current with
        {
            ProductType = current.ProductType ?? parsed.ProductType,
            Attributes = attributes,
            Filters = new Dictionary<string, string>(current.Filters, StringComparer.Ordinal),
            Price = price,
            PriceQualifier = parsed.HasPrice || (price is not null && !ReferenceEquals(price, current.Price)) ? null
                : parsed.PriceIntent != PriceIntent.None ? Qualifier(parsed.PriceIntent) : current.PriceQualifier,
            ProductLines = parsed.Lines.Count > 0 ? [.. parsed.Lines.Select(l => l.Name).Distinct(StringComparer.OrdinalIgnoreCase)] : [.. current.ProductLines],
            Compare = parsed.Compare.Count > 0 ? [.. parsed.Compare] : [.. current.Compare],
            UseCase = parsed.UseCase ?? current.UseCase,
            BrandPreferences = preferred,
            ExcludedBrands = excluded,
            RatingMin = parsed.RatingMin ?? current.RatingMin,
            Condition = parsed.Condition ?? current.Condition,
            Marketplaces = parsed.Marketplaces.Count > 0 ? [.. parsed.Marketplaces] : [.. current.Marketplaces],
            Keywords = keywords.Count > 0 ? string.Join(' ', keywords) : null,
        };
    }

    private static PriceRange? MergePrice(PriceRange? current, ParsedMessage parsed, ProductTypeInfo? type)
    {
        if (parsed.HasPrice)
        {
            return new PriceRange(parsed.MinPrice, parsed.MaxPrice, parsed.Currency ?? current?.Currency ?? "USD");
        }

        switch (parsed.PriceIntent)
        {
            case PriceIntent.Cheaper when current?.Max is { } max:
                return new PriceRange(null, Math.Round(max * CheaperFactor, 0), current.Currency);
            case PriceIntent.Cheaper when current?.Min is { } min:
                return new PriceRange(null, min, current.Currency);
            case PriceIntent.Cheaper or PriceIntent.Cheap:
                return current;
            case PriceIntent.Pricier when current?.Max is { } max:
                return new PriceRange(max, null, current.Currency);
            case PriceIntent.Pricier when current?.Min is { } min:
                return new PriceRange(Math.Round(min / CheaperFactor, 0), null, current.Currency);
            case PriceIntent.Pricier or PriceIntent.Premium:
                return current;
            default:
                return current;
        }
    }

    private static string? Qualifier(PriceIntent intent) => intent switch
    {
        PriceIntent.Cheap or PriceIntent.Cheaper => PriceQualifiers.Budget,
        PriceIntent.Premium or PriceIntent.Pricier => PriceQualifiers.Premium,
        _ => null,
    };
}
