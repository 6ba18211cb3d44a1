using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Groups colour variants of one model, so the top picks are three models rather than one model in
/// three colours. Ranked order is kept: a group sits where its best listing ranked.
/// </summary>
internal static class ProductVariants
{
    private const string ColorKey = "color";

    internal sealed record Variant(Product Best, List<string> Colors);

    public static IEnumerable<Variant> Group(IReadOnlyList<Product> ranked)
    {
        var groups = new List<Variant>();
        var byKey = new Dictionary<string, Variant>(StringComparer.Ordinal);
        foreach (var product in ranked)
        {
            var key = (product.Brand ?? "") + "|" + product.Condition + "|" + WithoutColor(product).ToLowerInvariant();
            var color = product.Attributes.GetValueOrDefault(ColorKey);
            if (byKey.TryGetValue(key, out var group))
            {
                if (color is not null && !group.Colors.Contains(color, StringComparer.OrdinalIgnoreCase))
                {
                    group.Colors.Add(color);
                }

                continue;
            }

            group = new Variant(product, color is null ? [] : [color]);
            byKey[key] = group;
            groups.Add(group);
        }

        return groups;
    }

    /// <summary>The title without its colour part: "Galaxy A15 Smartphone, 64GB, Black" → "Galaxy A15 Smartphone, 64GB".</summary>
    public static string WithoutColor(Product product)
    {
        var title = product.Title.Trim();
        if (product.Attributes.GetValueOrDefault(ColorKey) is not { Length: > 0 } color)
        {
            return title;
        }

        var parts = title.Split(", ").Where(p => !p.Equals(color, StringComparison.OrdinalIgnoreCase));
        return string.Join(", ", parts);
    }
}
