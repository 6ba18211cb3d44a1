using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>
/// Searches the built-in catalog. Every field of the spec is a hard filter except keywords, which
/// put the products that mention them first unless <see cref="RequirementSpec.KeywordsRequired"/>
/// makes them a must (then every word must match).
/// </summary>
internal sealed class BuiltInCatalogSource(CatalogStore store, ILogger<BuiltInCatalogSource> logger, TimeProvider timeProvider) : IProductSource
{
    private readonly SearchCache _cache = new();

    public string Name => "builtin";

    /// <summary>The catalog holds each listing once (CatalogDataFileTests checks the data file) and a search returns distinct ids.</summary>
    public bool ListingsDistinct => true;

    public Task<SearchResults> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        var catalog = store.Catalog;

        var type = ProductVocabulary.Resolve(spec.ProductType);
        var required = new List<string>();
        if (type is null && !string.IsNullOrWhiteSpace(spec.ProductType))
        {
            // An unknown type still narrows the search: "ukulele" should find ukuleles or nothing, not everything.
            CatalogLog.UnknownProductType(logger, spec.ProductType);
            required.AddRange(FtsQuery.Terms(spec.ProductType));
        }

        // Leftover words rank, they don't filter, unless the shopper marked them as a must: a word
        // the extractor did not understand ("college", a typo) must never empty the search.
        var ranked = FtsQuery.Terms(spec.Keywords).Where(t => !required.Contains(t)).ToList();
        if (spec.KeywordsRequired)
        {
            required.AddRange(ranked);
            ranked.Clear();
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

        // A named line ("pixel 8") is a must: the shopper asked for that model.
        var lines = FtsQuery.AnyLine(spec.ProductLines);
        var must = (required.Count > 0, lines) switch
        {
            (true, { } l) => $"{FtsQuery.AllOf(required)} AND {l}",
            (true, null) => FtsQuery.AllOf(required),
            (false, var l) => l,
        };
        var query = new CatalogQuery(type?.Name, must, spec, conditions);
        var (ids, total) = Run(catalog, query, limit);
        if (ranked.Count > 0 && total > 0)
        {
            // Products mentioning the words come first (bm25: more words, better), then the rest.
            var preferred = must is null ? FtsQuery.AnyOf(ranked) : $"{must} AND ({FtsQuery.AnyOf(ranked)})";
            var (first, _) = Run(catalog, query with { Match = preferred }, limit);
            ids = [.. first.Concat(ids).Distinct().Take(limit)];
        }

        var products = new List<Product>(ids.Count);
        foreach (var id in ids)
        {
            // Shared, not copied: products and their attributes are read-only.
            products.Add(catalog.Products[id - 1]);
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        CatalogLog.BuiltInSearched(logger, type?.Name, total, products.Count, elapsed.TotalMilliseconds, spec.Keywords, ranked.Count > 0);
        return Task.FromResult(SearchResults.Found(spec, products, total, MarketplacesSearched(catalog, type?.Name, spec)));
    }

    private (IReadOnlyList<int> Ids, int Total) Run(LoadedCatalog catalog, CatalogQuery query, int limit)
    {
        if (CatalogRows.CanAnswer(query))
        {
            return catalog.Rows.Find(query, limit);
        }

        var connection = catalog.Rent();
        try
        {
            using var template = query.ToCommand(connection.Connection, Math.Max(limit, 1));
            var key = SearchCache.Key(template);
            if (_cache.TryGet(catalog, key) is { } hit)
            {
                return hit;
            }

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

            _cache.Add(catalog, key, (ids, total));
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
