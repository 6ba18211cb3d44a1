using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Brands from the taxonomy, preferred or excluded: "no Apple", "anything but Sony", "except
/// Dell or HP" (a list after a "no" is excluded as a whole), "only Samsung", "also Lenovo".
/// </summary>
internal static partial class BrandParser
{
    public static void Parse(TextScan scan, Vocabulary vocabulary, ParsedMessage into)
    {
        var hits = vocabulary.BrandMatcher.FindAll(scan, hit =>
            !vocabulary.BrandNeedsExactCase(hit.Value)
            || scan.Original.AsSpan(hit.Start, hit.Length).SequenceEqual(hit.Value));

        PhraseHit? previous = null;
        var previousExcluded = false;
        foreach (var hit in hits)
        {
            var excluded = previous is not null && ListJoinRegex().IsMatch(scan.Text[previous.End..hit.Start])
                ? previousExcluded
                : ExclusionCueRegex().IsMatch(Window(scan, previous, hit));

            if (!excluded && (AddBeforeRegex().IsMatch(Window(scan, previous, hit)) || AddAfterRegex().IsMatch(scan.After(hit.End, 12))))
            {
                into.AddsBrands = true;
            }

            into.AddBrand(hit.Value, excluded);
            into.BrandMentions.Add((hit, excluded));
            previous = hit;
            previousExcluded = excluded;
        }
    }

    /// <summary>True when the words just before <paramref name="start"/> rule out what follows ("no", "not an").</summary>
    public static bool IsNegatedAt(TextScan scan, int start) => ExclusionCueRegex().IsMatch(scan.Before(start));

    /// <summary>Text before <paramref name="hit"/>, but not reaching back past the previous brand.</summary>
    private static string Window(TextScan scan, PhraseHit? previous, PhraseHit hit)
    {
        var start = Math.Max(previous?.End ?? 0, hit.Start - 40);
        return scan.Text[start..hit.Start];
    }

    [GeneratedRegex(@"^\s*(?:,|/|&|\bor\b|\band\b|\bnor\b)\s*(?:(?:or|and|nor)\s+)?(?:an?\s+|any\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    [GeneratedRegex(@"(?:\bno|\bnot|\bisn'?t|\baren'?t|\bnever|\bexcept(?:\s+for)?|\bexcluding|\bexclude|\bwithout|\bavoid(?:ing)?|\bbesides|\bother\s+than|\bhate|\bdon'?t\s+(?:want|like|need)|\bdo\s+not\s+(?:want|like|need)|\bnot\s+a\s+fan\s+of|\bnothing\s+(?:from|by)|\banything\s+(?:but|except|other\s+than)|\bany\s+(?:brand|one|make)\s+(?:but|except|other\s+than)|\bnon|\bskip|\bno\s+more|\bmoving\s+(?:away\s+)?from|\bswitching\s+(?:away\s+)?from|\bcoming\s+from|\bdone\s+with|\bsick\s+of|\btired\s+of|\bnicht|\bsans|\bsin)\s*(?:an?\s+|any\s+|the\s+|from\s+|by\s+|made\s+by\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExclusionCueRegex();

    [GeneratedRegex(@"\b(?:also|plus)\b[^,.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AddBeforeRegex();

    [GeneratedRegex(@"^\s*(?:too|as\s+well)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AddAfterRegex();
}
