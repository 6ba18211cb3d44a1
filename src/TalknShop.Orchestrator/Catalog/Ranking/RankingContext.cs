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
    public static RankingContext For(RequirementSpec spec) => new(
        spec,
        ProductVocabulary.Resolve(spec.ProductType)?.Name ?? spec.ProductType,
        [.. spec.Attributes.Select(a => AttributeCondition.From(a.Key, a.Value)).OfType<AttributeCondition>()],
        spec.BrandPreferences.Select(b => b.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
        spec.ExcludedBrands.Select(b => b.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
        CatalogQuery.NormalizeCondition(spec.Condition),
        FtsQuery.Terms(spec.Keywords));
}
