using System.Globalization;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Ranking;

/// <summary>Numbers and requirements as a shopper would say them, for <c>why_ranked</c>.</summary>
internal static class Wording
{
    /// <summary>"$1,000" for whole amounts, "$849.99" otherwise.</summary>
    public static string Money(decimal amount) =>
        amount == decimal.Truncate(amount)
            ? amount.ToString("$#,##0", CultureInfo.InvariantCulture)
            : amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Stars(double rating) => rating.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Condition(string condition) => condition.Replace('_', ' ');

    /// <summary>What was asked, for a miss: "at least 16", "4K", "wireless".</summary>
    public static string Asked(AttributeCondition condition)
    {
        if (condition.Kind != ConditionKind.Numeric)
        {
            var text = AttributeText.Describe(condition.Key, condition.Text) ?? condition.Text;
            return condition.Kind == ConditionKind.TextContains ? $"something with \"{condition.Text}\"" : text;
        }

        var number = condition.Key == AttributeKeys.Resolution
            ? ResolutionLabel(condition.Number)
            : condition.Number.ToString("0.##", CultureInfo.InvariantCulture);
        return condition.Op switch
        {
            "gte" => $"at least {number}",
            "lte" => $"at most {number}",
            _ => number,
        };
    }

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string ResolutionLabel(double lines) => lines switch
    {
        >= 4320 => "8K",
        >= 2160 => "4K",
        _ => lines.ToString("0", CultureInfo.InvariantCulture) + "p",
    };
}
