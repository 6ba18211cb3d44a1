using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// "A vs B", "A or B", "is A worth it over B", "compare A and B": two or more named sides (a brand,
/// a line, or a brand with its line), kept whole so neither side's brand is dropped. A list after
/// "from"/"by" ("from Sony or Bose") is a preference, not a comparison.
/// </summary>
internal static partial class ComparisonReader
{
    public static bool HasCue(string text) => CueRegex().IsMatch(text);

    public static void Read(TextScan scan, ParsedMessage parsed)
    {
        var mentions = Mentions(parsed);
        if (mentions.Count < 2 || !HasCue(scan.Text))
        {
            return;
        }

        var compareWords = CompareWordRegex().IsMatch(scan.Text);
        for (var i = 1; i < mentions.Count; i++)
        {
            var gap = scan.Text[mentions[i - 1].End..mentions[i].Start];
            var joined = JoinRegex().IsMatch(gap) || (compareWords && AndRegex().IsMatch(gap));
            if (!joined)
            {
                return;
            }
        }

        if (PreferenceCueRegex().IsMatch(scan.Before(mentions[0].Start, 24)) && !compareWords && !VersusRegex().IsMatch(scan.Text))
        {
            return;
        }

        var distinct = mentions.Select(m => (m.Brand ?? "") + "|" + (m.Line ?? "")).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (distinct < 2)
        {
            return;
        }

        foreach (var m in mentions)
        {
            parsed.Compare.Add(new ComparisonOption(scan.Text[m.Start..m.End], m.Brand, m.Line, m.Type ?? parsed.ProductType));
        }
    }

    /// <summary>Brands and lines in text order; a brand right before its own line is one side ("dell xps").</summary>
    private static List<(int Start, int End, string? Brand, string? Line, string? Type)> Mentions(ParsedMessage parsed)
    {
        var items = parsed.BrandMentions.Where(b => !b.Excluded).Select(b => (b.Hit.Start, b.Hit.End, Brand: (string?)b.Hit.Value, Line: (string?)null, Type: (string?)null))
            .Concat(parsed.Lines.Select(l => (l.Start, l.End, l.Brand, Line: (string?)l.Name, l.Type)))
            .OrderBy(m => m.Start)
            .ToList();
        var merged = new List<(int Start, int End, string? Brand, string? Line, string? Type)>();
        foreach (var item in items)
        {
            if (merged.Count > 0 && merged[^1].Line is null && item.Line is not null && item.Start - merged[^1].End <= 1
                && (item.Brand is null || string.Equals(item.Brand, merged[^1].Brand, StringComparison.OrdinalIgnoreCase)))
            {
                merged[^1] = (merged[^1].Start, item.End, merged[^1].Brand, item.Line, item.Type);
                continue;
            }

            merged.Add(item);
        }

        return merged;
    }

    [GeneratedRegex(@"\b(?:vs\.?|versus|or|compared?\s+(?:to|with)?|worth\s+it\s+over|better\s+than|difference\s+between|against)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CueRegex();

    [GeneratedRegex(@"^\W*(?:(?:is\s+)?(?:the\s+)?|(?:should\s+i\s+get\s+)?)(?:vs\.?|versus|or|compared\s+(?:to|with)|worth\s+it\s+over|over|better\s+than|against)\s+(?:an?\s+|the\s+|a\s+new\s+)?\W*$|^\W*(?:is\s+)?worth\s+it\s+over\s+(?:an?\s+|the\s+)?$|^\s*,?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex JoinRegex();

    [GeneratedRegex(@"^\W*(?:and|&|with)\s+(?:an?\s+|the\s+)?\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex AndRegex();

    [GeneratedRegex(@"\b(?:compare|comparing|comparison|difference\s+between)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CompareWordRegex();

    [GeneratedRegex(@"\b(?:vs\.?|versus|worth\s+it\s+over|which\s+is\s+better)\b", RegexOptions.CultureInvariant)]
    private static partial Regex VersusRegex();

    [GeneratedRegex(@"\b(?:from|by|made\s+by|either|brands?\s+like|like|prefer(?:ably)?|ideally)\s+(?:an?\s+|the\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PreferenceCueRegex();
}
