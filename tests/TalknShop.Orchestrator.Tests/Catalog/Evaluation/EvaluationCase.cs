using System.Globalization;
using TalknShop.Orchestrator.Catalog.Data;

namespace TalknShop.Orchestrator.Tests.Catalog.Evaluation;

/// <summary>
/// One shopper request of an evaluation set and what a correct answer must respect. The labels are
/// the shopper's own constraints (ground truth), never the extractor's reading of them.
/// </summary>
internal sealed record EvaluationCase(string Line, IReadOnlyList<string> Turns, string? ProductType, string Kind, IReadOnlyList<Label> Labels)
{
    public static IReadOnlyList<EvaluationCase> Load(string fileName)
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "TalknShop.Orchestrator.Tests", "Catalog", "Evaluation", fileName);
        return [.. File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Parse)];
    }

    public static EvaluationCase Parse(string line)
    {
        var bar = line.LastIndexOf('|');
        var turns = line[..bar].Split(">>", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? type = null;
        var kind = "shop";
        var labels = new List<Label>();
        foreach (var token in SplitLabels(line[(bar + 1)..]))
        {
            var (key, op, value) = Label.Split(token);
            switch (key)
            {
                case "type":
                    type = value == "-" ? null : value;
                    break;
                case "kind":
                    kind = value;
                    break;
                default:
                    labels.Add(new Label(key, op, value));
                    break;
            }
        }

        return new EvaluationCase(line, turns, type, kind, labels);
    }

    /// <summary>Does this product meet every constraint the shopper stated?</summary>
    public bool IsMetBy(CatalogEntry product) =>
        (ProductType is null || product.ProductType == ProductType) && Labels.All(l => l.IsMetBy(product));

    /// <summary>A brand label may hold a two-word brand ("brand=Herman Miller"): words without '=' join the previous label.</summary>
    private static IEnumerable<string> SplitLabels(string text)
    {
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Contains('=', StringComparison.Ordinal) && current.Length > 0)
            {
                yield return current;
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }

        if (current.Length > 0)
        {
            yield return current;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalknShop.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TalknShop.slnx not found above the test binaries.");
    }
}

/// <summary>One stated constraint: <c>max=500</c>, <c>brand=Dell/HP</c>, <c>ram_gb&gt;=16</c>, <c>screen_inches=13.3</c>.</summary>
internal sealed record Label(string Key, string Op, string Value)
{
    /// <summary>Stated sizes are approximate: "13 inch" is a 13.3-inch laptop.</summary>
    private const double RelativeTolerance = 0.05;

    public static (string Key, string Op, string Value) Split(string token)
    {
        foreach (var op in (string[])[">=", "<=", "="])
        {
            var at = token.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (token[..at], op, token[(at + op.Length)..]);
            }
        }

        throw new FormatException($"Label '{token}' has no operator.");
    }

    public bool IsMetBy(CatalogEntry product)
    {
        var values = Value.Split('/');
        switch (Key)
        {
            case "max":
                return product.Price is { } p1 && p1 <= Number(Value);
            case "min":
                return product.Price is { } p2 && p2 >= Number(Value);
            case "brand":
                return values.Contains(product.Brand, StringComparer.OrdinalIgnoreCase);
            case "not":
                return !values.Contains(product.Brand, StringComparer.OrdinalIgnoreCase);
            case "rating":
                return product.Rating >= (double)Number(Value);
        }

        if (!product.Attributes.TryGetValue(Key, out var actual))
        {
            return false;
        }

        var haveNumber = double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
        var wantNumber = double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w);
        if (haveNumber && wantNumber)
        {
            return Op switch
            {
                ">=" => a >= w * (1 - RelativeTolerance),
                "<=" => a <= w * (1 + RelativeTolerance),
                _ => Math.Abs(a - w) <= w * RelativeTolerance,
            };
        }

        return actual.Contains(Value, StringComparison.OrdinalIgnoreCase);
    }

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
