using System.Runtime.InteropServices;

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
        // A search merges up to 200 products per source on every turn. The title key is compared
        // without building normalized strings, and the two indexes are kept per thread and cleared
        // (Merge never awaits, so a thread runs one merge at a time): building keys and fresh
        // dictionaries was half of a search turn's allocations.
        var count = 0;
        foreach (var result in results)
        {
            count += result.Products.Count;
        }

        var products = new List<Product>(count);
        var byId = t_byId ??= new Dictionary<(string Marketplace, string Id), int>();
        var byTitle = t_byTitle ??= new Dictionary<(string Marketplace, string Title), int>(TitleKeyComparer.Instance);
        try
        {
            var duplicates = 0;
            var total = 0;
            foreach (var result in results)
            {
                total += result.TotalCount;
                foreach (var product in result.Products)
                {
                    var marketplace = product.Marketplace.Trim().ToLowerInvariant();
                    var idKey = (marketplace, product.ProductId);
                    var titleKey = (marketplace, product.Title);

                    // One lookup per index: hashing a title walks every character.
                    ref var idSlot = ref CollectionsMarshal.GetValueRefOrAddDefault(byId, idKey, out var idSeen);
                    ref var titleSlot = ref CollectionsMarshal.GetValueRefOrAddDefault(byTitle, titleKey, out var titleSeen);
                    if (idSeen || titleSeen)
                    {
                        // As before: the listing found first keeps its place; a key not seen yet points to it.
                        var index = idSeen ? idSlot : titleSlot;
                        if (!idSeen)
                        {
                            idSlot = index;
                        }

                        if (!titleSeen)
                        {
                            titleSlot = index;
                        }

                        duplicates++;
                        if (products[index].Price is null && product.Price is not null)
                        {
                            products[index] = product;
                        }

                        continue;
                    }

                    idSlot = products.Count;
                    titleSlot = products.Count;
                    products.Add(product);
                }
            }

            return (products, Math.Max(total - duplicates, products.Count));
        }
        finally
        {
            byId.Clear();
            byTitle.Clear();
        }
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

    [ThreadStatic]
    private static Dictionary<(string Marketplace, string Id), int>? t_byId;

    [ThreadStatic]
    private static Dictionary<(string Marketplace, string Title), int>? t_byTitle;

    /// <summary>Same marketplace (as given, already lower-cased) and the same title once normalized.</summary>
    private sealed class TitleKeyComparer : IEqualityComparer<(string Marketplace, string Title)>
    {
        public static readonly TitleKeyComparer Instance = new();

        public bool Equals((string Marketplace, string Title) x, (string Marketplace, string Title) y) =>
            string.Equals(x.Marketplace, y.Marketplace, StringComparison.Ordinal) && ProductKeys.SameTitle.Equals(x.Title, y.Title);

        public int GetHashCode((string Marketplace, string Title) key) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.Marketplace), ProductKeys.SameTitle.GetHashCode(key.Title));
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
