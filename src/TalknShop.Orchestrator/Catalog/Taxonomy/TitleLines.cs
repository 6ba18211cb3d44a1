using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Taxonomy;

/// <summary>
/// The lines and models a catalog sells, read from its own titles: the part of a title before the
/// first comma, after the brand ("Apple MacBook Air 13 Laptop, 8GB…" → "MacBook Air 13 Laptop").
/// Shoppers name a line by a prefix of it ("macbook air"), so the whole name is kept.
/// </summary>
internal static class TitleLines
{
    public static IReadOnlyList<ProductLineInfo> From(IEnumerable<Product> products, ProductTypeDefinition type)
    {
        var lines = new Dictionary<string, ProductLineInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in products)
        {
            if (product.Brand is not { Length: > 0 } brand)
            {
                continue;
            }

            var head = product.Title.Split(',', 2)[0].Trim();
            if (!head.StartsWith(brand + " ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = head[(brand.Length + 1)..].Trim();
            // A title that is only the brand and the type's noun names no line.
            if (name.Length > 0 && !name.Equals(type.Noun, StringComparison.OrdinalIgnoreCase))
            {
                lines.TryAdd(name, new ProductLineInfo(name, brand));
            }
        }

        return [.. lines.Values.OrderBy(l => l.Brand, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal)];
    }
}
