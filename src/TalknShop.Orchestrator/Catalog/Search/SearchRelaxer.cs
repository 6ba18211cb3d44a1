using TalknShop.Orchestrator.Catalog.Ranking;

namespace TalknShop.Orchestrator.Catalog.Search;

/// <param name="Outcome">What the last search found, with the spec that found it (the shopper's own, or a relaxed copy).</param>
/// <param name="Explanation">What was relaxed, in one or two sentences for the shopper; null when nothing was.</param>
/// <param name="WayForward">When nothing was found even relaxed: concrete changes that do find products, each with its spec.</param>
internal sealed record RelaxedSearch(
    SearchResults Outcome,
    string? Explanation,
    IReadOnlyList<(string Suggestion, RequirementSpec Spec)> WayForward);

/// <summary>
/// Searches, and when the strict search finds nothing, relaxes one constraint at a time in the order
/// shoppers care least about them (required words, then minor attributes and filters, then the named
/// line, then the brand, then the budget by a small step) and says exactly what it relaxed.
/// Exclusions are never relaxed; a maximum price is raised only as the last step, and said so.
/// </summary>
internal static class SearchRelaxer
{
    private const int MaxWayForward = 4;
    private static readonly decimal[] BudgetSteps = [1.2m, 1.5m];

    public static async Task<RelaxedSearch> SearchAsync(IMarketplaceSearch search, RequirementSpec spec, CancellationToken cancellationToken)
    {
        var strict = await search.SearchAsync(spec, cancellationToken).ConfigureAwait(false);
        if (strict.Products.Count > 0 || strict.MarketplacesSearched.Count == 0)
        {
            return new(strict, null, []);
        }

        var current = spec;
        var changes = new List<string>();
        foreach (var group in Groups())
        {
            var options = group(current);
            if (options.Count == 0)
            {
                continue;
            }

            foreach (var (relaxed, change) in options)
            {
                var found = await search.SearchAsync(relaxed, cancellationToken).ConfigureAwait(false);
                if (found.Products.Count > 0)
                {
                    changes.Add(change);
                    var explanation = await ExplainAsync(search, spec, relaxed, changes, cancellationToken).ConfigureAwait(false);
                    return new(found, explanation, []);
                }
            }

            // No single change of this kind was enough: give up all of them and try the next kind.
            var all = options[^1];
            current = all.Spec;
            changes.Add(all.Change);
        }

        return new(strict, null, await WayForwardAsync(search, spec, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Each group lists single relaxations of its kind; the last one relaxes all of them.</summary>
    private static IEnumerable<Func<RequirementSpec, List<(RequirementSpec Spec, string Change)>>> Groups()
    {
        yield return s => s.KeywordsRequired && !string.IsNullOrWhiteSpace(s.Keywords)
            ? [(s with { Keywords = null, KeywordsRequired = false }, $"without the words \u201c{s.Keywords}\u201d")]
            : [];
        yield return Minor;
        yield return s => s.ProductLines.Count > 0
            ? [(s with { ProductLines = [] }, $"other {SpecText.Join(s.BrandPreferences, "or")} models".Replace("other  models", "other models", StringComparison.Ordinal))]
            : [];
        yield return s => s.BrandPreferences.Count > 0 ? [(s with { BrandPreferences = [] }, "from other brands")] : [];
        yield return Budget;
    }

    private static List<(RequirementSpec, string)> Minor(RequirementSpec spec)
    {
        var options = new List<(RequirementSpec, string)>();
        foreach (var (key, constraint) in spec.Attributes)
        {
            var without = new Dictionary<string, AttributeConstraint>(spec.Attributes);
            without.Remove(key);
            options.Add((spec with { Attributes = without }, $"without {SpecText.Asked(key, constraint) ?? key.Replace('_', ' ')}"));
        }

        if (spec.RatingMin is > 0)
        {
            options.Add((spec with { RatingMin = null }, $"rated below {Wording.Stars(spec.RatingMin.Value)} stars too"));
        }

        if (!string.IsNullOrWhiteSpace(spec.Condition))
        {
            options.Add((spec with { Condition = null }, $"in any condition, not only {spec.Condition.Replace('_', ' ')}"));
        }

        if (spec.Marketplaces.Count > 0)
        {
            options.Add((spec with { Marketplaces = [] }, $"from other stores than {SpecText.Join(spec.Marketplaces.Select(Marketplaces.DisplayName), "or")}"));
        }

        if (options.Count > 1)
        {
            options.Add((spec with { Attributes = [], RatingMin = null, Condition = null, Marketplaces = [] }, "without " + SpecText.Join(
                options.Select(o => o.Item2.StartsWith("without ", StringComparison.Ordinal) ? o.Item2[8..] : o.Item2), "and")));
        }

        return options;
    }

    private static List<(RequirementSpec, string)> Budget(RequirementSpec spec)
    {
        var options = new List<(RequirementSpec, string)>();
        if (spec.Price?.Max is { } max)
        {
            foreach (var step in BudgetSteps)
            {
                var raised = RoundUp(max * step);
                options.Add((spec with { Price = spec.Price with { Max = raised } }, $"a little over your {Wording.Money(max)} budget, up to {Wording.Money(raised)}"));
            }
        }
        else if (spec.Price?.Min is { } min)
        {
            var lowered = Math.Floor(min * 0.8m);
            options.Add((spec with { Price = spec.Price with { Min = lowered } }, $"from {Wording.Money(lowered)}, a little under your {Wording.Money(min)} minimum"));
        }

        return options;
    }

    private static async Task<string> ExplainAsync(
        IMarketplaceSearch search, RequirementSpec asked, RequirementSpec relaxed, List<string> changes, CancellationToken cancellationToken)
    {
        var text = $"I couldn't find {SpecText.Describe(asked)}";
        // With a budget, the nearest miss is usually the price: name the cheapest one that fits everything else.
        if (asked.Price?.Max is not null && relaxed.Price?.Max == asked.Price.Max)
        {
            var unbounded = asked with { Price = asked.Price with { Max = null } };
            var found = await search.SearchAsync(unbounded, cancellationToken).ConfigureAwait(false);
            if (found.Products.Where(p => p.Price is not null).MinBy(p => p.Price) is { Price: { } cheapest })
            {
                text += $"; the cheapest is {Wording.Money(cheapest)}";
            }
        }

        return $"{text}. Here are {SpecText.Describe(relaxed)} instead, {SpecText.Join(changes, "and")}.";
    }

    /// <summary>Changes that would find products, each checked against the catalog before it is offered.</summary>
    private static async Task<List<(string, RequirementSpec)>> WayForwardAsync(IMarketplaceSearch search, RequirementSpec spec, CancellationToken cancellationToken)
    {
        var candidates = new List<(string, RequirementSpec)>();
        if (spec.Price?.Max is not null)
        {
            var unbounded = spec with { Price = spec.Price with { Max = null } };
            var found = await search.SearchAsync(unbounded, cancellationToken).ConfigureAwait(false);
            if (found.Products.Where(p => p.Price is not null).MinBy(p => p.Price) is { Price: { } cheapest })
            {
                var budget = RoundUp(cheapest);
                candidates.Add(($"Raise the budget to {Wording.Money(budget)}", spec with { Price = spec.Price with { Max = budget } }));
            }
        }

        if (spec.BrandPreferences.Count > 0 || spec.ProductLines.Count > 0)
        {
            candidates.Add(("Any brand", spec with { BrandPreferences = [], ProductLines = [] }));
        }

        foreach (var (relaxed, change) in Minor(spec).Take(3))
        {
            candidates.Add((char.ToUpperInvariant(change[0]) + change[1..], relaxed));
        }

        if (spec.ExcludedBrands.Count > 0)
        {
            // Offered, never done silently: the shopper chooses to let an excluded brand back in.
            candidates.Add(($"Include {SpecText.Join(spec.ExcludedBrands, "and")} too", spec with { ExcludedBrands = [] }));
        }

        if (!string.IsNullOrWhiteSpace(spec.Keywords))
        {
            candidates.Add(($"Without \u201c{spec.Keywords}\u201d", spec with { Keywords = null, KeywordsRequired = false }));
        }

        var checkedOnes = new List<(string, RequirementSpec)>();
        foreach (var (label, relaxed) in candidates)
        {
            if (checkedOnes.Count >= MaxWayForward)
            {
                break;
            }

            var found = await search.SearchAsync(relaxed, cancellationToken).ConfigureAwait(false);
            if (found.Products.Count > 0)
            {
                checkedOnes.Add((label, relaxed));
            }
        }

        return checkedOnes;
    }

    /// <summary>A budget people say: up to the next $10 below $100, $50 below $1,000, then $100.</summary>
    public static decimal RoundUp(decimal amount)
    {
        var step = amount < 100m ? 10m : amount < 1000m ? 50m : 100m;
        return Math.Ceiling(amount / step) * step;
    }
}
