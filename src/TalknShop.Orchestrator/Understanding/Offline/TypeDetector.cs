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

        var candidates = hits.Where(h => !AccessoryCueRegex().IsMatch(scan.Before(h.Start))).ToList();
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

    /// <summary>The type most image labels and objects agree on, or null.</summary>
    public static string? FromLabels(IEnumerable<string> labels, Vocabulary vocabulary) =>
        labels
            .Select(label => Detect(new TextScan(label), vocabulary)?.Value)
            .OfType<string>()
            .GroupBy(type => type, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .Select(group => group.Key)
            .FirstOrDefault();

    [GeneratedRegex(@"(?:\b(?:for|with|to|on|into)\s+(?:my|your|his|her|our|their|the)|\b(?:compatible\s+with|works\s+with|fits?|that\s+fits?)(?:\s+(?:an?|my|the|your))?)\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex AccessoryCueRegex();
}
