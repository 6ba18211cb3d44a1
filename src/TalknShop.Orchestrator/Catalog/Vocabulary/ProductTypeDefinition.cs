using System.Globalization;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

/// <summary>One canonical product type: words for it, who makes it, what it costs and what describes it.</summary>
/// <param name="Noun">Singular used in generated titles ("Laptop", "Smart TV").</param>
/// <param name="Count">How many listings the generator makes.</param>
/// <param name="Kitchen">Kitchen goods are the only ones a grocery marketplace (Kroger) lists.</param>
internal sealed record ProductTypeDefinition(
    string Name,
    string DisplayName,
    string Noun,
    int Count,
    decimal MinPrice,
    decimal MaxPrice,
    IReadOnlyList<string> Synonyms,
    IReadOnlyList<BrandDefinition> Brands,
    IReadOnlyList<AttributeDefinition> Attributes,
    IReadOnlyList<string> Features,
    bool Kitchen = false);

/// <param name="Weight">Relative share of the type's listings.</param>
/// <param name="Tier">0 budget … 1 premium; pushes prices up within the type's range.</param>
internal sealed record BrandDefinition(string Name, double Weight, double Tier, IReadOnlyList<ModelLine> Lines);

/// <param name="Fixed">Attribute values this line is limited to (a MacBook only has Apple chips).</param>
/// <param name="Noun">Replaces the type's noun in titles ("Earbuds", "Espresso Machine").</param>
internal sealed record ModelLine(string Name, IReadOnlyDictionary<string, string[]> Fixed, string? Noun);

/// <param name="Values">Ordered cheapest to dearest, so the position drives the price.</param>
/// <param name="PriceWeight">How strongly this attribute moves the price (0 = not at all).</param>
/// <param name="WhenKey">Only present when attribute <paramref name="WhenKey"/> has <paramref name="WhenValue"/> (battery life only for wireless).</param>
internal sealed record AttributeDefinition(
    string Key,
    IReadOnlyList<string> Values,
    IReadOnlyList<int> Weights,
    double PriceWeight,
    string? WhenKey = null,
    string? WhenValue = null)
{
    public AttributeDefinition When(string key, string value) => this with { WhenKey = key, WhenValue = value };
}

/// <summary>A compact notation so the vocabulary files read like a table.</summary>
internal static class Vocab
{
    public static readonly string[] Colors = ["Black", "White", "Silver", "Blue", "Gray", "Red"];

    /// <summary>
    /// A brand and its model lines. A line is <c>"Name"</c> or <c>"Name|key=a/b;@noun=Earbuds"</c>:
    /// attribute values the line is limited to, and an optional noun for titles.
    /// </summary>
    public static BrandDefinition B(string name, double weight, double tier, params string[] lines) =>
        new(name, weight, tier, [.. lines.Select(ParseLine)]);

    /// <summary>An attribute with values cheapest first; <c>"4k*6"</c> makes a value six times as likely.</summary>
    public static AttributeDefinition A(string key, double priceWeight, params string[] values)
    {
        if (!AttributeKeys.IsCanonical(key))
        {
            throw new ArgumentException($"'{key}' is not a canonical attribute key.", nameof(key));
        }

        var names = new List<string>(values.Length);
        var weights = new List<int>(values.Length);
        foreach (var value in values)
        {
            var star = value.LastIndexOf('*');
            names.Add(star < 0 ? value : value[..star]);
            weights.Add(star < 0 ? 1 : int.Parse(value[(star + 1)..], CultureInfo.InvariantCulture));
        }

        return new(key, names, weights, priceWeight);
    }

    private static ModelLine ParseLine(string line)
    {
        var bar = line.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return new(line, new Dictionary<string, string[]>(), null);
        }

        var name = line[..bar];
        var fixedValues = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? noun = null;
        foreach (var part in line[(bar + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (key == "@noun")
            {
                noun = value;
            }
            else if (AttributeKeys.IsCanonical(key))
            {
                fixedValues[key] = value.Split('/');
            }
            else
            {
                throw new ArgumentException($"Line '{line}' fixes unknown attribute '{key}'.", nameof(line));
            }
        }

        return new(name, fixedValues, noun);
    }
}
