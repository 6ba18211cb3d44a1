using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Taxonomy;

/// <summary>
/// The vocabulary plus what the loaded catalog says about it: brands by how many listings they
/// have and price bands from the actual prices, so suggestions name things that exist.
/// </summary>
internal sealed class CatalogTaxonomy : ICatalogTaxonomy
{
    private readonly Lazy<Dictionary<string, ProductTypeInfo>> _types;
    private readonly Lazy<IReadOnlyList<ProductTypeInfo>> _ordered;

    public CatalogTaxonomy(CatalogStore store)
    {
        _types = new(() => Build(store.Catalog));
        _ordered = new(() => [.. ProductVocabulary.Types.Select(t => _types.Value[t.Name])]);
    }

    public IReadOnlyList<ProductTypeInfo> ProductTypes => _ordered.Value;

    public ProductTypeInfo? FindType(string nameOrSynonym) =>
        ProductVocabulary.Resolve(nameOrSynonym) is { } type ? _types.Value[type.Name] : null;

    private static Dictionary<string, ProductTypeInfo> Build(LoadedCatalog catalog)
    {
        var byType = catalog.Products.ToLookup(p => p.ProductType ?? "", StringComparer.Ordinal);
        var types = new Dictionary<string, ProductTypeInfo>(StringComparer.Ordinal);
        foreach (var type in ProductVocabulary.Types)
        {
            var products = byType[type.Name].ToList();
            var brands = products
                .GroupBy(p => p.Brand ?? "", StringComparer.Ordinal)
                .Where(g => g.Key.Length > 0)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .ToArray();
            var prices = products.Where(p => p.Price is not null).Select(p => p.Price!.Value).ToArray();
            types[type.Name] = new ProductTypeInfo(
                type.Name,
                type.DisplayName,
                type.Synonyms,
                brands,
                PriceBands.From(prices),
                [.. type.Attributes.Select(a => a.Key)],
                TitleLines.From(products, type),
                prices.Length > 0 ? prices.Min() : null);
        }

        return types;
    }
}
