using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Ranking;

/// <summary>The parts of a spec the ranker compares against, worked out once per ranking.</summary>
internal sealed record RankingContext(
    RequirementSpec Spec,
    string? ProductType,
    IReadOnlyList<AttributeCondition> Conditions,
    IReadOnlySet<string> PreferredBrands,
    IReadOnlySet<string> ExcludedBrands,
    string? Condition,
    IReadOnlyList<string> KeywordTerms)
{
    /// <summary>The candidates' median price: what "cheap" and "premium" are measured against.</summary>
    public decimal? MedianPrice { get; init; }

    /// <remarks>The median is only read for a "cheap"/"premium" said without a budget, so only then is it worked out (sorting 200 prices per search otherwise).</remarks>
    public static RankingContext For(RequirementSpec spec, IReadOnlyList<Product> candidates) => For(spec) with
    {
        MedianPrice = spec.PriceQualifier is not null && spec.Price is null
            && candidates.Where(p => p.Price is not null).Select(p => p.Price!.Value).Order().ToList() is { Count: > 0 } prices
            ? prices[prices.Count / 2]
            : null,
    };

    public static RankingContext For(RequirementSpec spec) => new(
        spec,
        ProductVocabulary.Resolve(spec.ProductType)?.Name ?? spec.ProductType,
        [.. spec.Attributes.Select(a => AttributeCondition.From(a.Key, a.Value)).OfType<AttributeCondition>()],
        spec.BrandPreferences.Select(b => b.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
        spec.ExcludedBrands.Select(b => b.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
        CatalogQuery.NormalizeCondition(spec.Condition),
        FtsQuery.Terms(spec.Keywords));
}
