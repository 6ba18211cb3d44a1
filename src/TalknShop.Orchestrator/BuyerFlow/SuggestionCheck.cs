using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>
/// Checks a question against the catalog before it is asked: each suggestion that carries its spec is
/// searched and dropped when it finds nothing (a brand that has nothing in the budget just chosen);
/// the question is skipped when the type has so few matches that ranking them is answer enough, or
/// when nothing but "no preference" would be left.
/// </summary>
internal static class SuggestionCheck
{
    /// <summary>At or below this many matches, products beat a question.</summary>
    public const int SmallCatalog = 12;

    public static async Task<ClarifyingQuestion?> CheckAsync(IMarketplaceSearch search, RequirementSpec spec, ClarifyingQuestion question, CancellationToken cancellationToken)
    {
        if (question.Answers is not { Count: > 0 } answers)
        {
            // A model's question names suggestions in its own words: nothing to check them with.
            return question;
        }

        if (spec.ProductType is not null)
        {
            var now = await search.SearchAsync(spec, cancellationToken).ConfigureAwait(false);
            if (now.TotalCount <= SmallCatalog)
            {
                return null;
            }
        }

        var kept = new Dictionary<string, RequirementSpec>(StringComparer.Ordinal);
        foreach (var suggestion in question.Suggestions)
        {
            if (answers.TryGetValue(suggestion, out var answer)
                && (await search.SearchAsync(answer, cancellationToken).ConfigureAwait(false)).Products.Count > 0)
            {
                kept[suggestion] = answer;
            }
        }

        return kept.Values.Any(s => s != spec) ? question with { Suggestions = [.. kept.Keys], Answers = kept } : null;
    }
}
