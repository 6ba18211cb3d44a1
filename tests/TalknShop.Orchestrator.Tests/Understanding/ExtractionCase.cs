using System.Globalization;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>One parsed line of <see cref="ExtractionCases.Table"/> and how a spec is scored against it.</summary>
internal sealed record ExtractionCase(
    string Text,
    string? ProductType,
    string Price,
    IReadOnlyList<string> Brands,
    IReadOnlyList<string> Excluded,
    IReadOnlyDictionary<string, AttributeConstraint> Attributes,
    double? RatingMin,
    string? Condition)
{
    public static readonly string[] Fields = ["product_type", "price", "brands", "excluded_brands", "attributes", "rating_min", "condition"];

    public static ExtractionCase Parse(string line)
    {
        var cells = line.Split('|').Select(c => c.Trim()).ToList();
        while (cells.Count < 8)
        {
            cells.Add("");
        }

        return new ExtractionCase(
            cells[0],
            NullIfEmpty(cells[1]),
            cells[2],
            List(cells[3]),
            List(cells[4]),
            cells[5].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ParseAttribute)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            cells[6].Length == 0 ? null : double.Parse(cells[6], CultureInfo.InvariantCulture),
            NullIfEmpty(cells[7]));
    }

    /// <summary>Which fields of <paramref name="spec"/> match this case, field name → correct.</summary>
    public IReadOnlyDictionary<string, bool> Score(RequirementSpec spec, ICatalogTaxonomy taxonomy) => new Dictionary<string, bool>
    {
        ["product_type"] = ProductType == spec.ProductType,
        ["price"] = ExpectedPrice(taxonomy) == (spec.Price is null ? null : spec.Price with { Currency = "USD" })
            && (Price == "cheapest") == (spec.PriceQualifier == PriceQualifiers.Budget),
        ["brands"] = SameSet(Brands, spec.BrandPreferences),
        ["excluded_brands"] = SameSet(Excluded, spec.ExcludedBrands),
        ["attributes"] = Attributes.Count == spec.Attributes.Count
            && Attributes.All(a => spec.Attributes.TryGetValue(a.Key, out var actual) && Same(a.Value, actual)),
        ["rating_min"] = RatingMin == spec.RatingMin,
        ["condition"] = Condition == spec.Condition,
    };

    public static string Describe(RequirementSpec spec) =>
        $"type={spec.ProductType} price={spec.Price?.Min}..{spec.Price?.Max} brands=[{string.Join(",", spec.BrandPreferences)}] " +
        $"excluded=[{string.Join(",", spec.ExcludedBrands)}] attributes=[{string.Join("; ", spec.Attributes.Select(a => $"{a.Key} {a.Value.Op} {a.Value.Number}{a.Value.Text}{a.Value.Flag}"))}] " +
        $"rating={spec.RatingMin} condition={spec.Condition} keywords={spec.Keywords}";

    private PriceRange? ExpectedPrice(ICatalogTaxonomy taxonomy)
    {
        if (Price.Length == 0)
        {
            return null;
        }

        // "cheap" is a budget qualifier, never an amount the shopper did not say.
        if (Price == "cheapest")
        {
            _ = taxonomy;
            return null;
        }

        var bounds = Price.Split("..");
        return new PriceRange(Decimal(bounds[0]), Decimal(bounds[1]));
    }

    private static bool Same(AttributeConstraint expected, AttributeConstraint actual) =>
        expected.Op == actual.Op && expected.Number == actual.Number && expected.Flag == actual.Flag
        && string.Equals(expected.Text, actual.Text, StringComparison.OrdinalIgnoreCase);

    /// <summary>"ram_gb>=16", "colour=black", "title~pro", "!touchscreen": one attribute of a case or an expectation.</summary>
    internal static KeyValuePair<string, AttributeConstraint> ParseAttribute(string text)
    {
        foreach (var (symbol, op) in new[] { (">=", "gte"), ("<=", "lte"), ("~", "contains"), ("=", "eq") })
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at > 0)
            {
                var value = text[(at + symbol.Length)..];
                var constraint = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new AttributeConstraint { Op = op, Number = number }
                    : new AttributeConstraint { Op = op, Text = value };
                return new(text[..at], constraint);
            }
        }

        return text.StartsWith('!')
            ? new(text[1..], AttributeConstraint.Has(false))
            : new(text, AttributeConstraint.Has(true));
    }

    private static decimal? Decimal(string text) =>
        text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    private static List<string> List(string cell) =>
        [.. cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool SameSet(IReadOnlyList<string> expected, List<string> actual) =>
        expected.Count == actual.Count && expected.All(actual.Contains);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
