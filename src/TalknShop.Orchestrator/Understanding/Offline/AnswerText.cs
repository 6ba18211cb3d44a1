using System.Globalization;
using System.Text;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>The offline answer in plain sentences: count, top picks with reasons, caveats, next step.</summary>
internal static class AnswerText
{
    private const int TopPicks = 3;

    public static string Write(CompositionRequest request, ProductTypeInfo? type)
    {
        var spec = request.Spec;
        // Display names are already written for people ("TVs", "laptops"): never lower-case them.
        var what = type?.DisplayName ?? (string.IsNullOrWhiteSpace(spec.ProductType) ? "products" : spec.ProductType.Replace('_', ' ') + "s");

        var text = new StringBuilder();
        if (request.Products.Count == 0)
        {
            WriteNothingFound(text, spec, what, request.FailedSources);
            return text.ToString();
        }

        if (request.Sides.Count >= 2)
        {
            ComparisonText.Write(text, request.Sides, spec);
            WriteFailed(text, request.FailedSources);
            return text.ToString();
        }

        var total = Math.Max(request.TotalMatched, request.Products.Count);
        var where = request.MarketplacesSearched.Count > 0
            ? " across " + JoinWords(request.MarketplacesSearched.Select(Marketplaces.DisplayName), "and")
            : "";
        var described = Describe(spec, what);
        var picks = ProductVariants.Group(request.Products).Take(TopPicks).ToList();
        // A few openings, chosen by the numbers, so repeated searches don't read like a form letter.
        text.Append((total % 3) switch
        {
            0 => $"I found {Count(total, "match", "matches")} for {described}{where}.",
            1 => $"There are {Count(total, "option", "options")} for {described}{where}.",
            _ => $"{Count(total, "listing", "listings")} fit {described}{where}.",
        });
        text.Append(picks.Count == 1 ? " The best one:\n" : picks.Count == 2 ? " My two picks:\n" : $" My top {picks.Count} picks:\n");
        for (var i = 0; i < picks.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Pick(picks[i])}\n");
        }

        WriteFailed(text, request.FailedSources);
        text.Append(NarrowDown(spec));
        return text.ToString();
    }

    private static void WriteFailed(StringBuilder text, IReadOnlyList<string> failed)
    {
        if (failed.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Note: some stores couldn't be searched just now ({Sources(failed)}), so these results may be incomplete.\n");
        }
    }

    /// <summary>One pick, its price said once; the colours of the same model named together.</summary>
    private static string Pick(ProductVariants.Variant pick)
    {
        var product = pick.Best;
        var price = product.Price is { } amount ? PriceText.Amount(amount, product.Currency) : "price not listed";
        var title = pick.Colors.Count > 1 ? ProductVariants.WithoutColor(product) : product.Title.Trim();
        var line = $"{title}, {price} at {Marketplaces.DisplayName(product.Marketplace)}";
        if (pick.Colors.Count > 1)
        {
            line += $", in {JoinWords(pick.Colors.Select(c => c.ToLowerInvariant()), "and")}";
        }

        var why = product.WhyRanked.Trim().TrimEnd('.');
        return why.Length == 0 ? line + "." : $"{line}. {char.ToUpperInvariant(why[0])}{why[1..]}.";
    }

    private static void WriteNothingFound(StringBuilder text, RequirementSpec spec, string what, IReadOnlyList<string> failed)
    {
        text.Append(CultureInfo.InvariantCulture, $"I couldn't find any {Describe(spec, what)} that match everything you asked for.");
        if (failed.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Some stores couldn't be searched just now ({Sources(failed)}), so trying again in a moment may help.");
        }

        var ideas = new List<string>();
        if (spec.Price?.Max is { } max)
        {
            ideas.Add($"raising the budget above {PriceText.Amount(max, spec.Price.Currency)}");
        }

        if (spec.BrandPreferences.Count > 0)
        {
            ideas.Add($"removing the brand filter ({JoinWords(spec.BrandPreferences, "or")})");
        }

        if (spec.ExcludedBrands.Count > 0)
        {
            ideas.Add($"allowing {JoinWords(spec.ExcludedBrands, "or")} again");
        }

        if (spec.RatingMin is not null)
        {
            ideas.Add("lowering the minimum rating");
        }

        if (spec.Attributes.Count > 0 || spec.Condition is not null)
        {
            ideas.Add("dropping one of the must-have features");
        }

        text.Append(ideas.Count > 0 ? $" You could try {JoinWords(ideas, "or")}." : " You could try describing it differently or naming a brand you like.");
        text.Append(" Tell me what to change and I'll search again.");
    }

    private static string NarrowDown(RequirementSpec spec)
    {
        var hints = new List<string>();
        if (spec.Price is null)
        {
            hints.Add("a budget");
        }

        if (spec.BrandPreferences.Count == 0)
        {
            hints.Add("a brand you like");
        }

        hints.Add("a must-have feature");
        return $"To narrow it down, tell me {JoinWords(hints, "or")}.";
    }

    private static string Describe(RequirementSpec spec, string what)
    {
        var parts = new StringBuilder(what);
        if (spec.BrandPreferences.Count > 0)
        {
            parts.Append(" from ").Append(JoinWords(spec.BrandPreferences, "or"));
        }

        if (PriceText.Describe(spec.Price) is { } price)
        {
            parts.Append(' ').Append(price);
        }

        return parts.ToString();
    }

    /// <summary>Source names are internal ("walmart", "builtin"); show them the way people write them.</summary>
    private static string Sources(IEnumerable<string> sources) =>
        // Source names are internal ("catalog_service"): shown as words, whatever the failure was.
        JoinWords(sources.Select(Marketplaces.DisplayName).Select(s => s.Replace('_', ' ')).Select(s => s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s), "and");

    internal static string Count(int n, string one, string many) =>
        n.ToString("#,0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    internal static string JoinWords(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}";
    }
}
