namespace TalknShop.Orchestrator.Catalog.Ranking;

/// <summary>
/// Orders candidates by how well they meet the spec and explains each placement. Excluded brands
/// are dropped whatever the source returned; products without a price come after every priced one.
/// </summary>
internal sealed class ProductRanker : IProductRanker
{
    public IReadOnlyList<Product> Rank(RequirementSpec spec, IReadOnlyList<Product> candidates, int top)
    {
        if (top <= 0 || candidates.Count == 0)
        {
            return [];
        }

        var context = RankingContext.For(spec, candidates);
        return candidates
            .Where(p => p.Brand is null || !context.ExcludedBrands.Contains(p.Brand))
            .Where(p => context.ExcludedBrands.Count == 0 || p.Brand is not null || !MentionsExcludedBrand(p.Title, context.ExcludedBrands))
            .Select(p => (Product: p, Evaluation: ProductEvaluation.Of(p, context, explain: false)))
            .OrderBy(x => x.Product.Price is null)
            .ThenByDescending(x => Math.Round(x.Evaluation.Score, 6))
            .ThenBy(x => x.Product.Price ?? decimal.MaxValue)
            .ThenByDescending(x => x.Product.ReviewCount)
            .ThenBy(x => x.Product.Marketplace, StringComparer.Ordinal)
            .ThenBy(x => x.Product.ProductId, StringComparer.Ordinal)
            .Take(top)
            // Worded only for the products shown, by the same code that scored them.
            .Select(x => x.Product with { WhyRanked = ProductEvaluation.Of(x.Product, context).WhyRanked })
            .ToList();
    }

    /// <summary>A source that does not report brands can still name one in the title ("Apple iPhone 16").</summary>
    private static bool MentionsExcludedBrand(string title, IReadOnlySet<string> excluded) =>
        excluded.Any(brand => title.StartsWith(brand + " ", StringComparison.OrdinalIgnoreCase));
}
