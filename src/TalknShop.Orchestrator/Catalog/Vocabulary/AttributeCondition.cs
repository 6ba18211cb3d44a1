namespace TalknShop.Orchestrator.Catalog.Vocabulary;

internal enum ConditionKind
{
    Numeric,
    TextEquals,
    TextContains,
}

/// <summary>
/// An <see cref="AttributeConstraint"/> reduced to one unambiguous comparison. The SQL filter and
/// the ranker both start from this, so a product the source returns is one the ranker agrees meets
/// the constraint.
/// </summary>
/// <param name="Op">For <see cref="ConditionKind.Numeric"/>: <c>eq</c>, <c>gte</c> or <c>lte</c>.</param>
/// <param name="Text">Lower-case invariant text for the text kinds.</param>
internal sealed record AttributeCondition(string Key, ConditionKind Kind, string Op, double Number, string Text)
{
    private const double Tolerance = 1e-9;

    /// <summary>Returns null for a constraint that cannot be evaluated (unknown key, no value), which callers ignore.</summary>
    public static AttributeCondition? From(string key, AttributeConstraint constraint)
    {
        if (!AttributeKeys.Kinds.TryGetValue(key, out var kind))
        {
            return null;
        }

        var op = NormalizeOp(constraint.Op);
        var text = constraint.Text?.Trim().ToLowerInvariant();

        if (constraint.Flag is { } flag)
        {
            return new(key, ConditionKind.TextEquals, "eq", 0, flag ? "true" : "false");
        }

        if (kind == AttributeKind.Flag && text is not null)
        {
            return text switch
            {
                "true" or "yes" or "1" => new(key, ConditionKind.TextEquals, "eq", 0, "true"),
                "false" or "no" or "0" => new(key, ConditionKind.TextEquals, "eq", 0, "false"),
                _ => null,
            };
        }

        if (constraint.Number is { } number && double.IsFinite(number))
        {
            return new(key, ConditionKind.Numeric, op == "contains" ? "eq" : op, number, "");
        }

        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = AttributeKeys.NumericValue(text);
        var numericKey = kind is AttributeKind.Number or AttributeKind.Resolution;
        if (parsed is { } value && (op is "gte" or "lte" || (op == "eq" && numericKey)))
        {
            return new(key, ConditionKind.Numeric, op, value, "");
        }

        return op == "contains"
            ? new(key, ConditionKind.TextContains, op, 0, text)
            : new(key, ConditionKind.TextEquals, "eq", 0, text);
    }

    public bool IsMetBy(string? value)
    {
        if (value is null)
        {
            return false;
        }

        return Kind switch
        {
            ConditionKind.Numeric => AttributeKeys.NumericValue(value) is { } actual && Op switch
            {
                "gte" => actual >= Number - Tolerance,
                "lte" => actual <= Number + Tolerance,
                _ => Math.Abs(actual - Number) <= Tolerance,
            },
            ConditionKind.TextEquals => string.Equals(value.Trim().ToLowerInvariant(), Text, StringComparison.Ordinal),
            _ => value.ToLowerInvariant().Contains(Text, StringComparison.Ordinal),
        };
    }

    private static string NormalizeOp(string? op) => op?.Trim().ToLowerInvariant() switch
    {
        "gte" or "gt" or ">=" or ">" or "min" => "gte",
        "lte" or "lt" or "<=" or "<" or "max" => "lte",
        "contains" or "like" => "contains",
        _ => "eq",
    };
}
