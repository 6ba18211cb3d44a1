using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Ranking;

/// <summary>
/// How well one product meets one spec: a score and, in the same pass, the reasons in words, so
/// the explanation can never disagree with the ordering. The ranker scores every candidate
/// without words (<paramref name="explain"/> false: up to 200 per search, and their sentences were
/// a third of a search's allocations) and explains only those it shows, by the same code.
/// </summary>
internal sealed class ProductEvaluation(bool explain)
{
    // Only an explained evaluation keeps reasons: a list per scored candidate was garbage.
    private readonly List<string>? _reasons = explain ? [] : null;

    public double Score { get; private set; }

    /// <summary>The reasons in one sentence; empty for an evaluation made without words.</summary>
    public string WhyRanked => _reasons is null ? "" : Wording.Capitalize(string.Join("; ", _reasons));

    public static ProductEvaluation Of(Product product, RankingContext context, bool explain = true)
    {
        var evaluation = new ProductEvaluation(explain);
        evaluation.Type(product, context);
        evaluation.Budget(product, context.Spec.Price);
        evaluation.PriceQualifier(product, context);
        evaluation.Attributes(product, context.Conditions);
        evaluation.Brand(product, context);
        evaluation.Rating(product, context.Spec.RatingMin);
        evaluation.Condition(product, context.Condition);
        evaluation.Availability(product);
        evaluation.Keywords(product, context.KeywordTerms);
        return evaluation;
    }

    private void Add(double points, string? reason = null)
    {
        Score += points;
        if (reason is not null)
        {
            _reasons?.Add(reason);
        }
    }

    private void Type(Product product, RankingContext context)
    {
        if (context.ProductType is null)
        {
            return;
        }

        // Other sources may not know the type; an unknown type is half a match, a different one none.
        Add(product.ProductType is null ? 10 : string.Equals(product.ProductType, context.ProductType, StringComparison.Ordinal) ? 20 : 0);
    }

    private void Budget(Product product, PriceRange? budget)
    {
        if (product.Price is not { } price)
        {
            Add(0, "price not listed");
            return;
        }

        var (min, max) = (budget?.Min, budget?.Max);
        if (max is { } ceiling && price > ceiling)
        {
            var over = ceiling > 0 ? (double)((price - ceiling) / ceiling) : 1;
            Add(-5 - (30 * Math.Min(1, over)), explain ? $"over your {Wording.Money(ceiling)} budget" : null);
        }
        else if (min is { } floor && price < floor)
        {
            Add(5, explain ? $"below your {Wording.Money(floor)} minimum" : null);
        }
        else if (max is { } limit)
        {
            // Cheaper is better, with diminishing returns: the first savings matter most.
            var saving = limit > 0 ? (double)((limit - price) / limit) : 0;
            Add(15 + (10 * Math.Sqrt(Math.Clamp(saving, 0, 1))), !explain ? null : min is { } low
                ? $"within your {Wording.Money(low)}–{Wording.Money(limit)} range"
                : $"within your {Wording.Money(limit)} budget");
        }
        else if (min is { } low)
        {
            Add(15, explain ? $"above your {Wording.Money(low)} minimum" : null);
        }
        else
        {
            // No budget was said: the answer states the price once, the reason names no budget.
            Add(0);
        }
    }

    /// <summary>"Cheap" or "premium" said without a number: cheaper (or dearer) than the median candidate ranks higher; no budget is made up.</summary>
    private void PriceQualifier(Product product, RankingContext context)
    {
        if (context.Spec.PriceQualifier is not { } qualifier || context.Spec.Price is not null || product.Price is not { } price
            || context.MedianPrice is not { } median || median <= 0)
        {
            return;
        }

        var ratio = (double)(price / median);
        if (qualifier == PriceQualifiers.Budget)
        {
            Add(25 * Math.Clamp(1 - (ratio / 2), 0, 1), ratio < 0.8 ? "among the cheaper options" : null);
        }
        else if (qualifier == PriceQualifiers.Premium)
        {
            Add(25 * Math.Clamp(ratio / 3, 0, 1), ratio > 1.5 ? "a premium pick" : null);
        }
    }

    private void Attributes(Product product, IReadOnlyList<AttributeCondition> conditions)
    {
        foreach (var condition in conditions)
        {
            var share = 30.0 / conditions.Count;
            var value = product.Attributes.GetValueOrDefault(condition.Key);
            var described = value is null || !explain ? null : AttributeText.Describe(condition.Key, value);
            if (NumericTolerance.IsMet(condition, value))
            {
                Add(share, explain ? $"{described ?? value} as asked" : null);
            }
            else if (value is not null)
            {
                Add(-share / 3, explain ? $"{described ?? value} (you asked for {Wording.Asked(condition)})" : null);
            }
        }
    }

    private void Brand(Product product, RankingContext context)
    {
        if (product.Brand is { } brand && context.PreferredBrands.Contains(brand))
        {
            Add(15, explain ? $"{brand}, a brand you asked for" : null);
        }
    }

    private void Rating(Product product, double? ratingMin)
    {
        var stars = BayesianRating.Of(product.Rating, product.ReviewCount);
        Add(20 * Math.Clamp((stars - 2.5) / 2.5, 0, 1));
        if (product.Rating is not { } rating || product.ReviewCount <= 0)
        {
            Add(0, "no ratings yet");
            return;
        }

        var buyers = !explain ? null : product.ReviewCount == 1 ? "1 buyer" : $"{Wording.Count(product.ReviewCount)} buyers";
        if (ratingMin is > 0 and var minimum && rating < minimum)
        {
            Add(-10, explain ? $"rated {Wording.Stars(rating)} by {buyers}, below your {Wording.Stars(minimum)} minimum" : null);
        }
        else
        {
            Add(0, explain ? $"rated {Wording.Stars(rating)} by {buyers}" : null);
        }
    }

    private void Condition(Product product, string? wanted)
    {
        var condition = product.Condition.Trim().ToLowerInvariant();
        if (wanted is not null)
        {
            Add(condition == wanted ? 5 : -10, !explain ? null : condition == wanted ? $"{Wording.Condition(condition)} as asked" : Wording.Condition(condition));
            return;
        }

        // Unasked, new is what most shoppers expect: a used item must be clearly cheaper to win.
        Add(condition switch { "new" => 8, "like_new" => 6, "refurbished" => 4, "good" => 2, _ => 0 },
            condition == "new" || !explain ? null : Wording.Condition(condition));
    }

    private void Availability(Product product)
    {
        switch (product.Availability)
        {
            case "in_stock":
                Add(3);
                break;
            case "out_of_stock":
                Add(-15, "currently out of stock");
                break;
            default:
                Add(1, explain ? product.Availability.Replace('_', ' ') : null);
                break;
        }
    }

    private void Keywords(Product product, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return;
        }

        // Leftover words no longer filter, so they must rank: a product naming them in its title
        // (a model, "pixel") beats one that only fits the budget; a mention in the description counts a little.
        var inTitle = 0;
        var described = 0;
        foreach (var term in terms)
        {
            if (ProductKeys.HasWord(product.Title, term))
            {
                inTitle++;
            }
            else if (ProductKeys.HasWord(product.Description, term))
            {
                described++;
            }
        }

        Add(((30.0 * inTitle) + (8.0 * described)) / terms.Count, inTitle > 0 && explain ? Mentions(product.Title, terms) : null);
    }

    // Its own method: a lambda here would allocate its closure on every call, explained or not.
    private static string Mentions(string title, IReadOnlyList<string> terms) =>
        $"mentions {string.Join(", ", terms.Where(t => ProductKeys.HasWord(title, t)))}";
}
