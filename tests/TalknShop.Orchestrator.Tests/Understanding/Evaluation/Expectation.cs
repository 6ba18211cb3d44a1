using System.Globalization;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>The spec a turn should produce, as written in an evaluation set.</summary>
internal sealed record Expectation
{
    public string? Type { get; init; }
    public string? NotType { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public string Currency { get; init; } = "USD";
    public string? Qualifier { get; init; }
    public IReadOnlyList<string> Brands { get; init; } = [];
    public IReadOnlyList<string> Excluded { get; init; } = [];
    public IReadOnlyDictionary<string, AttributeConstraint> Attributes { get; init; } = new Dictionary<string, AttributeConstraint>();
    public string? Condition { get; init; }
    public double? Rating { get; init; }
    public IReadOnlyList<string> Compare { get; init; } = [];
    public int? Reference { get; init; }
    public string Intent { get; init; } = Intents.Shop;
    public string? Unsupported { get; init; }
    public IReadOnlyList<string> Lines { get; init; } = [];

    public static Expectation Parse(string text, Expectation? previous)
    {
        var inherit = text.StartsWith('+');
        // A turn that does not restate the intent is back to shopping.
        var expectation = inherit && previous is not null ? previous with { Intent = Intents.Shop } : new Expectation();
        foreach (var pair in text.TrimStart('+').Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
            expectation = key switch
            {
                "type" => expectation with { Type = Null(value) },
                "nottype" => expectation with { NotType = Null(value) },
                "min" => expectation with { Min = Money(value) },
                "max" => expectation with { Max = Money(value) },
                "cur" => expectation with { Currency = value },
                "qual" => expectation with { Qualifier = Null(value) },
                "brands" => expectation with { Brands = List(value, ',') },
                "not" => expectation with { Excluded = List(value, ',') },
                "attr" => expectation with { Attributes = List(value, ',').Select(ExtractionCase.ParseAttribute).ToDictionary(p => p.Key, p => p.Value) },
                "cond" => expectation with { Condition = Null(value) },
                "rating" => expectation with { Rating = value.Length == 0 ? null : double.Parse(value, CultureInfo.InvariantCulture) },
                "compare" => expectation with { Compare = List(value, '|') },
                "ref" => expectation with { Reference = value.Length == 0 ? null : int.Parse(value, CultureInfo.InvariantCulture) },
                "intent" => expectation with { Intent = value },
                "unsupported" => expectation with { Unsupported = Null(value) },
                "lines" => expectation with { Lines = List(value, ',') },
                _ => throw new FormatException($"Unknown expectation key '{key}' in: {text}"),
            };
        }

        return expectation;
    }

    private static decimal? Money(string value) => value.Length == 0 ? null : decimal.Parse(value, CultureInfo.InvariantCulture);

    private static string? Null(string value) => value.Length == 0 ? null : value;

    private static List<string> List(string value, char separator) =>
        [.. value.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
