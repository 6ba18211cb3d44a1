namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>Merges the answers of several sources into one list without the same listing twice.</summary>
internal static class ProductMerger
{
    /// <summary>
    /// Keeps the first copy of a listing, where two are the same when they share a marketplace and
    /// either a product id or a normalized title; a later copy that knows the price replaces one that does not.
    /// </summary>
    public static (IReadOnlyList<Product> Products, int TotalMatched) Merge(IReadOnlyList<SourceResult> results)
    {
        var products = new List<Product>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicates = 0;
        var total = 0;
        foreach (var result in results)
        {
            total += result.TotalMatched;
            foreach (var product in result.Products)
            {
                var marketplace = product.Marketplace.Trim().ToLowerInvariant();
                var idKey = $"id|{marketplace}|{product.ProductId}";
                var titleKey = $"title|{marketplace}|{ProductKeys.NormalizeTitle(product.Title)}";
                if (positions.TryGetValue(idKey, out var index) || positions.TryGetValue(titleKey, out index))
                {
                    duplicates++;
                    if (products[index].Price is null && product.Price is not null)
                    {
                        products[index] = product;
                    }

                    positions.TryAdd(idKey, index);
                    positions.TryAdd(titleKey, index);
                    continue;
                }

                positions[idKey] = products.Count;
                positions[titleKey] = products.Count;
                products.Add(product);
            }
        }

        return (products, Math.Max(total - duplicates, products.Count));
    }

    /// <summary>Every marketplace any source covered, in the usual marketplace order.</summary>
    public static IReadOnlyList<string> UnionMarketplaces(IReadOnlyList<SourceResult> results)
    {
        var known = Marketplaces.All;
        return [.. results
            .SelectMany(r => r.MarketplacesSearched)
            .Select(m => m.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(m => known.Contains(m) ? IndexIn(known, m) : int.MaxValue)
            .ThenBy(m => m, StringComparer.Ordinal)];
    }

    private static int IndexIn(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
