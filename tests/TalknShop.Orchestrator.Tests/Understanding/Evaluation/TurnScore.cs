using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>How one extracted spec compares with its <see cref="Expectation"/>.</summary>
/// <param name="Fields">Field → right, for every scored field.</param>
/// <param name="Stated">Constraints the shopper stated (each brand, bound, attribute… counts once).</param>
/// <param name="Captured">Of those, how many the spec holds correctly.</param>
/// <param name="Inversions">Constraints read backwards (a maximum taken as a minimum, an excluded brand preferred…).</param>
internal sealed record TurnScore(IReadOnlyDictionary<string, bool> Fields, int Stated, int Captured, IReadOnlyList<string> Inversions)
{
    public static readonly string[] FieldNames =
        ["type", "price", "brands", "excluded_brands", "attributes", "condition", "rating", "comparison", "reference", "intent", "lines"];

    public bool AllRight => Fields.Values.All(ok => ok);

    public static TurnScore Of(Expectation e, RequirementSpec spec)
    {
        var price = spec.Price;
        var priceRight = e.Min == price?.Min && e.Max == price?.Max
            && (price is null || string.Equals(e.Currency, price.Currency, StringComparison.OrdinalIgnoreCase))
            && e.Qualifier == spec.PriceQualifier;
        var fields = new Dictionary<string, bool>
        {
            ["type"] = e.Type == spec.ProductType,
            ["price"] = priceRight,
            ["brands"] = SameSet(e.Brands, spec.BrandPreferences),
            ["excluded_brands"] = SameSet(e.Excluded, spec.ExcludedBrands),
            ["attributes"] = e.Attributes.Count == spec.Attributes.Count && e.Attributes.All(a => HasAttribute(spec, a.Key, a.Value)),
            ["condition"] = e.Condition == spec.Condition,
            ["rating"] = e.Rating == spec.RatingMin,
            ["comparison"] = CompareRight(e.Compare, spec.Compare),
            ["reference"] = e.Reference == spec.ReferencedResult,
            ["intent"] = e.Intent == spec.Intent && UnsupportedRight(e.Unsupported, spec.UnsupportedItem),
            // Lines are scored when the shopper named one; a line the extractor adds on its own is not an error.
            ["lines"] = e.Lines.All(l => spec.ProductLines.Any(a => SameLine(l, a))),
        };

        var checks = new List<bool>();
        Check(checks, e.Type is not null, fields["type"]);
        Check(checks, e.Min is not null, e.Min == price?.Min);
        Check(checks, e.Max is not null, e.Max == price?.Max);
        Check(checks, e.Currency != "USD", string.Equals(e.Currency, price?.Currency, StringComparison.OrdinalIgnoreCase));
        Check(checks, e.Qualifier is not null, e.Qualifier == spec.PriceQualifier);
        checks.AddRange(e.Brands.Select(b => spec.BrandPreferences.Contains(b, StringComparer.OrdinalIgnoreCase)));
        checks.AddRange(e.Excluded.Select(b => spec.ExcludedBrands.Contains(b, StringComparer.OrdinalIgnoreCase)));
        checks.AddRange(e.Attributes.Select(a => HasAttribute(spec, a.Key, a.Value)));
        Check(checks, e.Condition is not null, fields["condition"]);
        Check(checks, e.Rating is not null, fields["rating"]);
        Check(checks, e.Compare.Count > 0, fields["comparison"]);
        Check(checks, e.Reference is not null, fields["reference"]);
        Check(checks, e.Intent != Intents.Shop || e.Unsupported is not null, fields["intent"]);
        checks.AddRange(e.Lines.Select(l => spec.ProductLines.Any(a => SameLine(l, a))));

        return new TurnScore(fields, checks.Count, checks.Count(c => c), FindInversions(e, spec));
    }

    private static List<string> FindInversions(Expectation e, RequirementSpec spec)
    {
        var found = new List<string>();
        var price = spec.Price;
        if (e.Max is { } max && price?.Min == max && price.Max != max)
        {
            found.Add($"maximum {max} read as a minimum");
        }

        if (e.Min is { } min && price?.Max == min && price.Min != min)
        {
            found.Add($"minimum {min} read as a maximum");
        }

        if (e.Qualifier is { } q && spec.PriceQualifier is { } actual && q != actual)
        {
            found.Add($"{q} read as {actual}");
        }

        found.AddRange(e.Excluded.Where(b => spec.BrandPreferences.Contains(b, StringComparer.OrdinalIgnoreCase)).Select(b => $"excluded {b} preferred"));
        found.AddRange(e.Brands.Where(b => spec.ExcludedBrands.Contains(b, StringComparer.OrdinalIgnoreCase)).Select(b => $"preferred {b} excluded"));
        if (e.NotType is not null && e.NotType == spec.ProductType)
        {
            found.Add($"searched {e.NotType}, the thing the shopper already has or compares against");
        }

        foreach (var (key, want) in e.Attributes)
        {
            if (!spec.Attributes.TryGetValue(key, out var got))
            {
                continue;
            }

            if (want.Flag is { } flag && got.Flag == !flag)
            {
                found.Add($"{key} {flag} read as {!flag}");
            }

            if ((want.Op, got.Op) is ("gte", "lte") or ("lte", "gte"))
            {
                found.Add($"{key} {want.Op} read as {got.Op}");
            }
        }

        if (e.Condition == "new" && spec.Condition is "used" or "refurbished")
        {
            found.Add($"new read as {spec.Condition}");
        }

        return found;
    }

    private static void Check(List<bool> checks, bool stated, bool right)
    {
        if (stated)
        {
            checks.Add(right);
        }
    }

    private static bool HasAttribute(RequirementSpec spec, string key, AttributeConstraint want) =>
        spec.Attributes.TryGetValue(key, out var got) && want.Op == got.Op && want.Number == got.Number && want.Flag == got.Flag
        && string.Equals(want.Text, got.Text, StringComparison.OrdinalIgnoreCase);

    private static bool SameSet(IReadOnlyList<string> expected, List<string> actual) =>
        expected.Count == actual.Count && expected.All(b => actual.Contains(b, StringComparer.OrdinalIgnoreCase));

    private static bool UnsupportedRight(string? expected, string? actual) =>
        expected is null ? actual is null : actual is not null && (SameLine(expected, actual));

    /// <summary>Each expected side matches a different option by brand, line or label.</summary>
    private static bool CompareRight(IReadOnlyList<string> expected, List<ComparisonOption> actual)
    {
        if (expected.Count != actual.Count)
        {
            return false;
        }

        var left = actual.ToList();
        foreach (var side in expected)
        {
            var match = left.FirstOrDefault(o => string.Equals(o.Brand, side, StringComparison.OrdinalIgnoreCase)
                || (o.Line is not null && SameLine(side, o.Line)) || SameLine(side, o.Label));
            if (match is null)
            {
                return false;
            }

            left.Remove(match);
        }

        return true;
    }

    private static bool SameLine(string expected, string actual)
    {
        var (a, b) = (Squash(expected), Squash(actual));
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }

    private static string Squash(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
