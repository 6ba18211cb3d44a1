using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>Picks the product type a message is about from every type phrase it mentions.</summary>
internal static partial class TypeDetector
{
    /// <summary>
    /// The first mention wins, except a mention that is only the thing the product goes with
    /// ("headphones for my iphone") and a noun that modifies the next one ("laptop backpack").
    /// </summary>
    public static PhraseHit? Detect(TextScan scan, Vocabulary vocabulary)
    {
        var hits = vocabulary.TypeMatcher.FindAll(scan);
        if (hits.Count == 0)
        {
            return null;
        }

        var candidates = hits.Where(h => !IsAccessoryAt(scan, h.Start)).ToList();
        // "a case for my phone": the only type named is what the product is for, so no type is known.
        if (candidates.Count == 0 && !AccessoryOnlyRegex().IsMatch(scan.Text))
        {
            return null;
        }

        var chosen = candidates.Count > 0 ? candidates[0] : hits[0];
        for (var i = hits.IndexOf(chosen) + 1; i < hits.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(scan.Text[chosen.End..hits[i].Start]))
            {
                break;
            }

            chosen = hits[i];
        }

        return chosen;
    }

    /// <summary>True when the words before <paramref name="start"/> make what follows the thing the product goes with ("for my laptop", "better than my phone").</summary>
    public static bool IsAccessoryAt(TextScan scan, int start) => AccessoryCueRegex().IsMatch(scan.Before(start, 48));

    /// <summary>The type most image labels and objects agree on, or null.</summary>
    public static string? FromLabels(IEnumerable<string> labels, Vocabulary vocabulary) =>
        labels
            .Select(label => Detect(new TextScan(label), vocabulary)?.Value)
            .OfType<string>()
            .GroupBy(type => type, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .Select(group => group.Key)
            .FirstOrDefault();

    /// <summary>Text that is only the cue and the product ("for my laptop"), as when answering "what is it for?".</summary>
    [GeneratedRegex(@"^\W*(?:(?:something|anything|one|it|stuff)\s+)?(?:for|with|to|on|into|compatible\s+with|works\s+with|that\s+fits?|fits?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessoryOnlyRegex();

    [GeneratedRegex(@"(?:\b(?:for|with|to|on|into)\s+(?:my|your|his|her|our|their|the)(?:\s+(?:old|new|current))?|\b(?:compatible\s+with|works\s+with|fits?|that\s+fits?|can\s+fit|to\s+fit|carry)(?:\s+(?:an?|my|the|your))?|\b(?:better|worse|nicer|bigger|smaller|more\s+\w+)\s+than\s+(?:my|the|an?|his|her|our)(?:\s+(?:old|current))?|\bfrom\s+(?:my|an?)(?:\s+old)?)(?:\s+\d+(?:\.\d+)?\s?(?:-\s?)?(?:inch(?:es)?|in|""))?\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex AccessoryCueRegex();
}
