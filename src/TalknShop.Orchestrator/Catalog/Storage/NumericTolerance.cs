using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// How close a number must be to count as "the same" size: shoppers round ("a 13 inch laptop" is a
/// 13.3-inch one, "15 inch" a 15.6), so an exact match would empty the search. Five per cent keeps
/// 13 → 13.3 and 6.1 → 6.2 but never 55 → 50 inch, 16 → 12 GB or 144 → 165 Hz. Bounds ("at least",
/// "under") stay exact: the shopper drew the line there. The SQL filter and the ranker share this.
/// </summary>
internal static class NumericTolerance
{
    public const double Relative = 0.05;

    private const double Epsilon = 1e-9;

    public static double For(AttributeCondition condition) =>
        condition.Op is "gte" or "lte" ? Epsilon : Math.Max(Epsilon, Math.Abs(condition.Number) * Relative);

    /// <summary><see cref="AttributeCondition.IsMetBy"/> with the tolerance applied to equal-to numbers.</summary>
    public static bool IsMet(AttributeCondition condition, string? value)
    {
        if (condition.Kind != ConditionKind.Numeric || condition.Op is "gte" or "lte")
        {
            return condition.IsMetBy(value);
        }

        return value is not null && AttributeKeys.NumericValue(value) is { } actual && Math.Abs(actual - condition.Number) <= For(condition);
    }
}
