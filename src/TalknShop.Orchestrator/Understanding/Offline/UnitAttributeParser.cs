using System.Globalization;
using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Numbers with units: RAM and storage, screen size, shoe and clothing size, capacity, refresh
/// rate, megapixels, battery hours. Runs before money so none of these becomes a price.
/// </summary>
internal static partial class UnitAttributeParser
{
    // Below this a bare "NGB" is memory, from here on it is storage (phones: 8GB vs 128GB).
    private const double SmallestStorageGb = 64;

    public static void Parse(TextScan scan, ParsedMessage into, TypeTraits type)
    {
        foreach (var m in scan.Free(RamRegex()))
        {
            into.SetAttribute("ram_gb", AttributeConstraint.AtLeast(Number(m), "GB"));
            scan.Consume(m);
        }

        foreach (var m in scan.Free(GigabyteRegex()))
        {
            var gb = Number(m) * (m.Groups["u"].Value == "tb" ? 1024 : 1);
            var isStorage = m.Groups["disk"].Success || m.Groups["u"].Value == "tb" || gb >= SmallestStorageGb
                || !type.Has("ram_gb");
            into.SetAttribute(isStorage ? "storage_gb" : "ram_gb", AttributeConstraint.AtLeast(gb, "GB"));
            scan.Consume(m);
        }

        foreach (var m in scan.Free(ScreenRegex()))
        {
            // "a backpack that fits a 15 inch laptop": the size of something else.
            if (!type.Has("screen_inches") || FitsCueRegex().IsMatch(scan.Before(m.Index, 24)))
            {
                scan.Consume(m);
                continue;
            }

            var inches = Number(m);
            var constraint = m.Groups["min"].Success || m.Groups["more"].Success ? AttributeConstraint.AtLeast(inches, "inch")
                : m.Groups["max"].Success || m.Groups["less"].Success ? AttributeConstraint.AtMost(inches, "inch")
                : AttributeConstraint.EqualTo(inches, "inch");
            into.SetAttribute("screen_inches", constraint);
            scan.Consume(m);
        }

        ParseSize(scan, into, type);
        Simple(scan, into, type, CupsRegex(), "capacity_cups", (m, n) => Bounded(m, n, "cups"));
        Simple(scan, into, type, QuartsRegex(), "capacity_quarts", (m, n) => Bounded(m, n, "qt"));
        Simple(scan, into, type, HertzRegex(), "refresh_hz", (_, n) => AttributeConstraint.AtLeast(n, "Hz"));
        Simple(scan, into, type, MegapixelRegex(), "megapixels", (_, n) => AttributeConstraint.AtLeast(n, "MP"));
        Simple(scan, into, type, BatteryRegex(), "battery_hours", (_, n) => AttributeConstraint.AtLeast(n, "hours"));
    }

    private static void ParseSize(TextScan scan, ParsedMessage into, TypeTraits type)
    {
        foreach (var m in scan.Free(NumericSizeRegex()))
        {
            into.SetAttribute("size", AttributeConstraint.EqualTo(Number(m)));
            if (m.Groups["g"].Success)
            {
                into.SetAttribute("gender", AttributeConstraint.Is(m.Groups["g"].Value.StartsWith('w') ? "women" : "men"));
            }

            scan.Consume(m);
        }

        // "in a medium" only means a size for things that come in letter sizes.
        var regex = type.Has("size") ? LetterSizeLooseRegex() : LetterSizeRegex();
        foreach (var m in scan.Free(regex))
        {
            into.SetAttribute("size", AttributeConstraint.Is(LetterSize(m.Groups["l"].Value)));
            scan.Consume(m);
        }
    }

    private static string LetterSize(string word) => word switch
    {
        "small" or "s" => "S",
        "medium" or "m" => "M",
        "large" or "l" => "L",
        "extra large" or "x large" or "xl" => "XL",
        "extra small" or "xs" => "XS",
        "xxl" or "2xl" => "XXL",
        _ => word.ToUpperInvariant(),
    };

    /// <summary>"6 quart" is that size; "at least 6 quarts", "8 quarts or more" a minimum.</summary>
    private static AttributeConstraint Bounded(Match m, double n, string unit) =>
        m.Groups["min"].Success ? AttributeConstraint.AtLeast(n, unit)
        : m.Groups["max"].Success ? AttributeConstraint.AtMost(n, unit)
        : AttributeConstraint.EqualTo(n, unit);

    private static void Simple(TextScan scan, ParsedMessage into, TypeTraits type, Regex regex, string key, Func<Match, double, AttributeConstraint> make)
    {
        foreach (var m in scan.Free(regex))
        {
            // Hours on something without a battery describe something else ("sit for 10 hours").
            if (key != "battery_hours" || type.Has(key))
            {
                into.SetAttribute(key, make(m, Number(m)));
            }

            scan.Consume(m);
        }
    }

    private static double Number(Match m) => double.Parse(Digits.ToAscii(m.Groups["n"].Value), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?:\b(?:at\s+least|min(?:imum)?|over|more\s+than)\s+)?(?<![\w.])(?<n>\d{1,3})\s?(?:gb|gigs?|g|gigabytes?)\s*(?:of\s+)?(?:ram|memory|ddr\d?)\b|\b(?:ram|memory)\s*(?:of\s+)?(?:at\s+least\s+)?(?<n>\d{1,3})\s?(?:gb|gigs?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RamRegex();

    [GeneratedRegex(@"(?:\b(?:at\s+least|min(?:imum)?|over|more\s+than)\s+)?(?<![\w.])(?<n>\d{1,4}(?:\.\d)?)\s?(?<u>gb|tb|gigs?|terabytes?|gigabytes?)\b(?:\s*(?:of\s+)?(?<disk>ssd|storage|hdd|hard\s+drive|nvme|disk|drive|space|flash))?", RegexOptions.CultureInvariant)]
    private static partial Regex GigabyteRegex();

    [GeneratedRegex(@"(?:\b(?:(?<min>at\s+least|min(?:imum)?|over|bigger\s+than|larger\s+than)|(?<max>under|below|smaller\s+than|at\s+most|max(?:imum)?|up\s+to|no\s+bigger\s+than))\s+)?(?<![\w.])(?<n>\d{1,3}(?:\.\d)?)(?<more>\+)?(?:\s?(?:-\s?)?inch(?:es)?\b|in\b|\s?(?:""|''))(?:\s+(?:or|and)\s+(?:(?<more>bigger|larger|up|above|more)|(?<less>smaller|less|under|below))\b)?(?:\s+(?:screen|display)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex ScreenRegex();

    [GeneratedRegex(@"\b(?:fits?|to\s+fit|can\s+fit)\s+(?:an?|my|the|your)\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex FitsCueRegex();

    [GeneratedRegex(@"(?:\b(?<g>men'?s|mens|women'?s|womens)\s+(?:size\s+)?|\bsize\s*:?\s*|\bwear\s+(?:a\s+)?(?:size\s+)?)(?<n>\d{1,2}(?:\.5)?)(?![\w.])(?:\s+(?<g>men'?s|mens|women'?s|womens)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumericSizeRegex();

    [GeneratedRegex(@"\bsize\s*:?\s*(?<l>extra\s+small|extra\s+large|x\s+large|xxl|2xl|xl|xs|small|medium|large|s|m|l)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LetterSizeRegex();

    [GeneratedRegex(@"\bsize\s*:?\s*(?<l>extra\s+small|extra\s+large|x\s+large|xxl|2xl|xl|xs|small|medium|large|s|m|l)\b|\b(?:in\s+(?:an?\s+)?|an?\s+)(?<l>extra\s+small|extra\s+large|x\s+large|xxl|2xl|xl|xs|small|medium|large)\b(?!\s+(?:screen|size|capacity|room|space|family))|\b(?<l>xxl|2xl|xl|xs)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LetterSizeLooseRegex();

    [GeneratedRegex(@"(?:\b(?:(?<min>at\s+least|min(?:imum)?|over|more\s+than)|(?<max>at\s+most|up\s+to|no\s+more\s+than))\s+)?(?<![\w.])(?<n>\d{1,2})\s?(?:-\s?)?cups?\b(?:\s+or\s+(?:(?<min>more|bigger|larger)|(?<max>less|smaller)))?", RegexOptions.CultureInvariant)]
    private static partial Regex CupsRegex();

    [GeneratedRegex(@"(?:\b(?:(?<min>at\s+least|min(?:imum)?|over|more\s+than)|(?<max>at\s+most|up\s+to|no\s+more\s+than))\s+)?(?<![\w.])(?<n>\d{1,2}(?:\.\d)?)\s?(?:-\s?)?(?:qt|quarts?)\b(?:\s+or\s+(?:(?<min>more|bigger|larger)|(?<max>less|smaller)))?", RegexOptions.CultureInvariant)]
    private static partial Regex QuartsRegex();

    [GeneratedRegex(@"(?:\b(?:at\s+least|min(?:imum)?)\s+)?(?<![\w.])(?<n>\d{2,3})\s?(?:-\s?)?hz\b(?:\s+(?:refresh(?:\s+rate)?|or\s+(?:more|higher|above)))?", RegexOptions.CultureInvariant)]
    private static partial Regex HertzRegex();

    [GeneratedRegex(@"(?:\b(?:at\s+least|min(?:imum)?)\s+)?(?<![\w.])(?<n>\d{1,3}(?:\.\d)?)\s?(?:-\s?)?(?:mp|megapixels?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MegapixelRegex();

    [GeneratedRegex(@"(?:\b(?:battery(?:\s+life)?\s+(?:of\s+)?)?(?:at\s+least|min(?:imum)?|over|more\s+than)\s+)?(?<![\w.])(?<n>\d{1,3})\s?\+?\s?(?:-\s?)?(?:hours?|hrs?)\b(?!\s+(?:a|per|each|every)\s+(?:day|week|night)\b)(?:\s+(?:of\s+)?(?:battery(?:\s+life)?|playback|playtime|of\s+use))?", RegexOptions.CultureInvariant)]
    private static partial Regex BatteryRegex();
}
