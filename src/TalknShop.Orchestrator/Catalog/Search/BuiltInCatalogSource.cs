using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>
/// Searches the built-in catalog. Every field of the spec is a hard filter except keywords, which
/// must all match when they can and otherwise fall back to any-of with best matches first.
/// </summary>
internal sealed class BuiltInCatalogSource(CatalogStore store, ILogger<BuiltInCatalogSource> logger, TimeProvider timeProvider) : IProductSource
{
    public string Name => "builtin";

    public Task<SourceResult> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        var catalog = store.Catalog;

        var keywords = spec.Keywords;
        var type = ProductVocabulary.Resolve(spec.ProductType);
        if (type is null && !string.IsNullOrWhiteSpace(spec.ProductType))
        {
            // An unknown type still narrows the search: "ukulele" should find ukuleles or nothing, not everything.
            CatalogLog.UnknownProductType(logger, spec.ProductType);
            keywords = $"{spec.ProductType} {keywords}";
        }

        var conditions = new List<AttributeCondition>();
        foreach (var (key, constraint) in spec.Attributes)
        {
            if (AttributeCondition.From(key, constraint) is { } condition)
            {
                conditions.Add(condition);
            }
            else
            {
                CatalogLog.AttributeIgnored(logger, key);
            }
        }

        var terms = FtsQuery.Terms(keywords);
        var query = new CatalogQuery(type?.Name, terms.Count > 0 ? FtsQuery.AllOf(terms) : null, spec, conditions);
        var (ids, total) = Run(catalog, query, limit);
        var relaxed = false;
        if (total == 0 && terms.Count > 1)
        {
            relaxed = true;
            (ids, total) = Run(catalog, query with { Match = FtsQuery.AnyOf(terms) }, limit);
        }

        var products = new List<Product>(ids.Count);
        foreach (var id in ids)
        {
            var product = catalog.Products[id - 1];
            // Callers get their own attribute dictionary; the loaded catalog must never change.
            products.Add(product with { Attributes = new(product.Attributes, StringComparer.Ordinal) });
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        CatalogLog.BuiltInSearched(logger, type?.Name, total, products.Count, elapsed.TotalMilliseconds, spec.Keywords, relaxed);
        return Task.FromResult(new SourceResult(products, total, MarketplacesSearched(catalog, type?.Name, spec)));
    }

    private static (List<int> Ids, int Total) Run(LoadedCatalog catalog, CatalogQuery query, int limit)
    {
        var connection = catalog.Rent();
        try
        {
            using var template = query.ToCommand(connection.Connection, Math.Max(limit, 1));
            using var reader = connection.Prepared(template).ExecuteReader();
            var ids = new List<int>(Math.Clamp(limit, 1, 1000));
            var total = 0;
            while (reader.Read())
            {
                total = reader.GetInt32(1);
                if (ids.Count < limit)
                {
                    ids.Add(reader.GetInt32(0));
                }
            }

            return (ids, total);
        }
        finally
        {
            catalog.Return(connection);
        }
    }

    private static IReadOnlyList<string> MarketplacesSearched(LoadedCatalog catalog, string? productType, RequirementSpec spec)
    {
        var covered = catalog.MarketplacesFor(productType);
        if (spec.Marketplaces.Count == 0)
        {
            return covered;
        }

        var wanted = spec.Marketplaces.Select(m => m.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return [.. covered.Where(wanted.Contains)];
    }
}
