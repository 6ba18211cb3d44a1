namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>Merges the answers of several sources into one list without the same listing twice.</summary>
internal static class ProductMerger
{
    /// <summary>
    /// Keeps the first copy of a listing, where two are the same when they share a marketplace and
    /// either a product id or a normalized title; a later copy that knows the price replaces one that does not.
    /// </summary>
    public static (IReadOnlyList<Product> Products, int TotalMatched) Merge(IReadOnlyList<SearchResults> results)
    {
        // Sized up front and keyed by tuples: growing the list and building two key strings per
        // product were most of a merge's cost, and a search merges up to 200 products per source.
        var count = results.Sum(r => r.Products.Count);
        var products = new List<Product>(count);
        var byId = new Dictionary<(string Marketplace, string Id), int>(count);
        var byTitle = new Dictionary<(string Marketplace, string Title), int>(count);
        var duplicates = 0;
        var total = 0;
        foreach (var result in results)
        {
            total += result.TotalCount;
            foreach (var product in result.Products)
            {
                var marketplace = product.Marketplace.Trim().ToLowerInvariant();
                var idKey = (marketplace, product.ProductId);
                var titleKey = (marketplace, ProductKeys.NormalizeTitle(product.Title));
                if (byId.TryGetValue(idKey, out var index) || byTitle.TryGetValue(titleKey, out index))
                {
                    duplicates++;
                    if (products[index].Price is null && product.Price is not null)
                    {
                        products[index] = product;
                    }

                    byId.TryAdd(idKey, index);
                    byTitle.TryAdd(titleKey, index);
                    continue;
                }

                byId[idKey] = products.Count;
                byTitle[titleKey] = products.Count;
                products.Add(product);
            }
        }

        return (products, Math.Max(total - duplicates, products.Count));
    }

    /// <summary>Every marketplace any source covered, in the usual marketplace order.</summary>
    public static IReadOnlyList<string> UnionMarketplaces(IReadOnlyList<SearchResults> results)
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
