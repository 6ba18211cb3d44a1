using System.Globalization;
using System.Text;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>A comparison point by point: price range, rating, the attributes that differ, which fits the need, and the best of each side.</summary>
internal static class ComparisonText
{
    private const int AttributesCompared = 2;

    public static void Write(StringBuilder text, IReadOnlyList<ComparedSide> sides, RequirementSpec spec)
    {
        var c = CultureInfo.InvariantCulture;
        var present = sides.Where(s => s.Products.Count > 0).ToList();
        var labels = AnswerText.JoinWords(sides.Select(s => s.Label), "and");
        text.Append(c, $"Here's how {labels} compare:\n");
        foreach (var missing in sides.Where(s => s.Products.Count == 0))
        {
            text.Append(c, $"- I couldn't find any {missing.Label} that fit, so I can only show the others.\n");
        }

        text.Append("- Price: ").Append(string.Join("; ", present.Select(s => $"{s.Label} {PriceRange(s.Products)}"))).Append(".\n");
        var rated = present.Where(s => s.Products.Any(p => p.Rating is not null)).ToList();
        if (rated.Count > 0)
        {
            text.Append("- Rating: ").Append(string.Join("; ", rated.Select(s =>
                $"{s.Label} {s.Products.Where(p => p.Rating is not null).Average(p => p.Rating!.Value).ToString("0.0", c)} stars"))).Append(".\n");
        }

        foreach (var key in DifferingAttributes(present))
        {
            text.Append(c, $"- {Label(key)}: ").Append(string.Join("; ", present.Select(s => $"{s.Label} {Values(s.Products, key)}"))).Append(".\n");
        }

        text.Append("- Which fits: ").Append(Fit(present, spec)).Append('\n');
        foreach (var side in present)
        {
            var best = side.Products[0];
            var price = best.Price is { } amount ? PriceText.Amount(amount, best.Currency) : "price not listed";
            text.Append(c, $"Best {side.Label}: {best.Title.Trim()}, {price} at {Marketplaces.DisplayName(best.Marketplace)}.\n");
        }
    }

    private static string Fit(List<ComparedSide> sides, RequirementSpec spec)
    {
        if (sides.Count < 2)
        {
            return $"{sides[0].Label} is the only one I found that fits.";
        }

        if (spec.Price?.Max is { } max)
        {
            var within = sides.Select(s => (s.Label, Count: s.Products.Count(p => p.Price <= max))).ToList();
            return $"within your {PriceText.Amount(max, spec.Price.Currency)} budget, " + string.Join(" and ", within.Select(w => $"{w.Label} has {w.Count} of its best matches")) + ".";
        }

        var cheaper = sides.MinBy(s => s.Products.Where(p => p.Price is not null).Select(p => p.Price!.Value).DefaultIfEmpty(decimal.MaxValue).Min())!;
        var better = sides.MaxBy(s => s.Products.Where(p => p.Rating is not null).Select(p => p.Rating!.Value).DefaultIfEmpty(0).Average())!;
        return cheaper == better
            ? $"{cheaper.Label} is both the cheaper and the better rated choice."
            : $"{cheaper.Label} is the cheaper choice; {better.Label} is rated higher.";
    }

    private static string PriceRange(IReadOnlyList<Product> products)
    {
        var prices = products.Where(p => p.Price is not null).Select(p => p.Price!.Value).ToList();
        if (prices.Count == 0)
        {
            return "price not listed";
        }

        var (low, high) = (prices.Min(), prices.Max());
        return low == high ? PriceText.Amount(low) : $"{PriceText.Amount(low)}\u2013{PriceText.Amount(high)}";
    }

    /// <summary>Attributes every side lists, where the sides' values differ: the points worth comparing.</summary>
    private static IEnumerable<string> DifferingAttributes(List<ComparedSide> sides) =>
        sides.Count < 2 ? [] : sides[0].Products.SelectMany(p => p.Attributes.Keys).Distinct(StringComparer.Ordinal)
            .Where(k => k != "color" && sides.All(s => s.Products.Any(p => p.Attributes.ContainsKey(k))))
            .Where(k => sides.Select(s => Values(s.Products, k)).Distinct(StringComparer.Ordinal).Count() > 1)
            .Take(AttributesCompared);

    private static string Values(IReadOnlyList<Product> products, string key) =>
        AnswerText.JoinWords(products.Select(p => p.Attributes.GetValueOrDefault(key)).OfType<string>()
            .Select(v => Catalog.Vocabulary.AttributeText.Describe(key, v) ?? v).Distinct(StringComparer.OrdinalIgnoreCase).Take(3), "or");

    private static string Label(string key) => char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' ').Replace(" gb", "", StringComparison.Ordinal).Replace(" inches", " size", StringComparison.Ordinal).Replace(" hz", " rate", StringComparison.Ordinal);
}
