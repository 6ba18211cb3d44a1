using System.Globalization;
using TalknShop.Orchestrator.Catalog.Ranking;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>A spec in the shopper's words, for sentences that say what was searched or relaxed.</summary>
internal static class SpecText
{
    /// <summary>"Samsung 55-inch TVs under $500".</summary>
    public static string Describe(RequirementSpec spec)
    {
        var words = new List<string>();
        if (spec.BrandPreferences.Count > 0)
        {
            words.Add(Join(spec.BrandPreferences, "or"));
        }

        if (spec.ProductLines.Count > 0)
        {
            words.Add(Join(spec.ProductLines.Select(Title), "or"));
        }

        words.Add(What(spec));
        var attributes = spec.Attributes.Select(a => Asked(a.Key, a.Value)).OfType<string>().ToList();
        if (attributes.Count > 0)
        {
            words.Add("with " + Join(attributes, "and"));
        }

        if (Price(spec.Price) is { } price)
        {
            words.Add(price);
        }

        return string.Join(' ', words);
    }

    /// <summary>The type as people write it in a sentence: "TVs", "laptops", or "products".</summary>
    public static string What(RequirementSpec spec) =>
        ProductVocabulary.Resolve(spec.ProductType)?.DisplayName
        ?? (string.IsNullOrWhiteSpace(spec.ProductType) ? "products" : spec.ProductType.Replace('_', ' ') + "s");

    /// <summary>One attribute as asked: "at least 16 GB RAM", "a 55-inch screen", "wireless".</summary>
    public static string? Asked(string key, AttributeConstraint constraint)
    {
        if (AttributeCondition.From(key, constraint) is not { } condition)
        {
            return null;
        }

        if (condition.Kind != ConditionKind.Numeric)
        {
            return AttributeText.Describe(key, condition.Text) ?? condition.Text;
        }

        var number = key == AttributeKeys.Resolution
            ? Wording.Asked(condition).Replace("at least ", "", StringComparison.Ordinal).Replace("at most ", "", StringComparison.Ordinal)
            : condition.Number.ToString("0.##", CultureInfo.InvariantCulture);
        var phrase = AttributeText.Describe(key, number) ?? number;
        return condition.Op switch
        {
            "gte" => "at least " + phrase,
            "lte" => "at most " + phrase,
            _ => phrase,
        };
    }

    /// <summary>"under $500", "$200–$500", "over $200", or null without a bound.</summary>
    public static string? Price(PriceRange? price) => (price?.Min, price?.Max) switch
    {
        ({ } min, { } max) => $"at {Wording.Money(min)}–{Wording.Money(max)}",
        (null, { } max) => $"under {Wording.Money(max)}",
        ({ } min, null) => $"over {Wording.Money(min)}",
        _ => null,
    };

    public static string Join(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}";
    }

    private static string Title(string line) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(line);
}
