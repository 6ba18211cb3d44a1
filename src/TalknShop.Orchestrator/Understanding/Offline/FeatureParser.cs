using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>Word features: resolution, processor, colour, flags, gender, material, shoe type.</summary>
internal static partial class FeatureParser
{
    /// <summary>Runs before money: "4K TV" is a resolution, "under 4k" is a price.</summary>
    public static void ParseResolution(TextScan scan, ParsedMessage into)
    {
        foreach (var m in scan.Free(ResolutionRegex()))
        {
            var word = m.Groups["r"].Value;
            if (word is "4k" or "8k" && MoneyCueRegex().IsMatch(scan.Before(m.Index, 24)))
            {
                continue;
            }

            var value = word switch
            {
                "8k" or "4320p" => "8k",
                "1080p" or "full hd" or "fhd" => "1080p",
                "1440p" or "qhd" or "2k" => "1440p",
                _ => "4k",
            };
            into.SetAttribute("resolution", AttributeConstraint.Is(value));
            scan.Consume(m);
        }
    }

    public static void Parse(TextScan scan, ParsedMessage into, TypeTraits type)
    {
        foreach (var m in scan.Free(ProcessorRegex()))
        {
            if (m.Groups["apple"].Success && !type.Has("processor"))
            {
                continue;
            }

            var chip = m.Groups["chip"].Value.Replace(" ", "", StringComparison.Ordinal);
            into.SetAttribute("processor", new AttributeConstraint { Op = "contains", Text = chip });
            scan.Consume(m);
        }

        foreach (var m in scan.Free(ColorRegex()))
        {
            into.SetAttribute("color", AttributeConstraint.Is(SupplementaryTerms.Colors[m.Groups["c"].Value]));
            scan.Consume(m);
        }

        foreach (var m in scan.Free(NoWifiRegex()))
        {
            into.SetAttribute("wireless", AttributeConstraint.Has(false));
            scan.Consume(m);
        }

        Flag(scan, into, WirelessRegex(), "wireless", m => !m.Groups["wired"].Success);
        Flag(scan, into, NoiseCancellingRegex(), "noise_cancelling", _ => true);
        Flag(scan, into, WaterResistantRegex(), "water_resistant", _ => true);

        if (type.Has("gender"))
        {
            foreach (var m in scan.Free(GenderRegex()))
            {
                into.SetAttribute("gender", AttributeConstraint.Is(Gender(m.Groups["g"].Value)));
                scan.Consume(m);
            }
        }

        if (type.Has("material"))
        {
            foreach (var m in scan.Free(MaterialRegex()))
            {
                into.SetAttribute("material", AttributeConstraint.Is(m.Groups["m"].Value.Replace(" ", "-", StringComparison.Ordinal)));
                scan.Consume(m);
            }
        }

        // Reads the whole text, claimed or not: "running shoes" is also a type synonym.
        if (type.Name is not null && type.Info!.AttributeKeys.Contains("shoe_type", StringComparer.OrdinalIgnoreCase))
        {
            var m = ShoeTypeRegex().Match(scan.Text);
            if (m.Success)
            {
                into.SetAttribute("shoe_type", AttributeConstraint.Is(ShoeType(m.Groups["t"].Value)));
                if (scan.IsFree(m.Index, m.Length))
                {
                    scan.Consume(m);
                }
            }
        }
    }

    /// <summary>Reads claimed text too: a type synonym like "bluetooth speaker" still says wireless.</summary>
    private static void Flag(TextScan scan, ParsedMessage into, Regex regex, string key, Func<Match, bool> value)
    {
        foreach (Match m in regex.Matches(scan.Text))
        {
            var before = scan.Before(m.Index, 32);
            before = before[(before.LastIndexOfAny([',', '.', ';', '!', '?']) + 1)..];
            // "I don't care about noise cancelling" states no requirement; "aren't wireless" rules it out.
            if (!IndifferentRegex().IsMatch(before))
            {
                var negated = NegatedFlagRegex().IsMatch(before);
                into.SetAttribute(key, AttributeConstraint.Has(value(m) != negated));
            }

            if (scan.IsFree(m.Index, m.Length))
            {
                scan.Consume(m);
            }
        }
    }

    private static string Gender(string word) =>
        StartsWithAny(word, "wom", "lad", "fem") ? "women"
        : StartsWithAny(word, "unisex") ? "unisex"
        : StartsWithAny(word, "kid", "child", "boy", "girl") ? "kids"
        : "men";

    private static bool StartsWithAny(string word, params string[] prefixes) =>
        prefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal));

    private static string ShoeType(string word) => word switch
    {
        "running" or "jogging" or "runners" or "marathon" or "run" => "running",
        "trail" or "hiking" => "trail",
        "everyday" or "casual" or "lifestyle" => "casual",
        _ => word,
    };

    [GeneratedRegex(@"\b(?<r>4k|8k|uhd|ultra\s+hd|2160p|4320p|1080p|full\s+hd|fhd|1440p|qhd)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ResolutionRegex();

    [GeneratedRegex(@"(?:under|below|less\s+than|max(?:imum)?|up\s+to|over|above|around|about|budget(?:\s+(?:is|of))?|spend|for|\$)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyCueRegex();

    [GeneratedRegex(@"\b(?:intel\s+)?(?:core\s+)?(?<chip>i[3579])\b|\b(?:amd\s+)?(?<chip>ryzen\s?[3579])\b|\b(?<apple>(?<chip>m[1-4](?:\s(?:pro|max|ultra))?))\b(?:\s+chip\b)?|\b(?<chip>snapdragon)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessorRegex();

    [GeneratedRegex(@"\b(?<c>rose\s+gold|space\s+gr[ae]y|black|white|silver|gr[ae]y|red|blue|navy|green|pink|purple|gold|yellow|orange|brown|beige|tan|teal|olive|burgundy|cream)\b(?!\s+friday)", RegexOptions.CultureInvariant)]
    private static partial Regex ColorRegex();

    [GeneratedRegex(@"\b(?:don'?t|do\s+not|doesn'?t)\s+(?:really\s+)?(?:need|care\s+(?:about|for|if)|mind)(?:\s+(?:it\s+)?(?:to\s+be|being))?(?:\s+(?:an?|any|the))?\s*$|\b(?:whether|if)\s+(?:it'?s\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IndifferentRegex();

    [GeneratedRegex(@"(?:\b(?:not|no|non|without|never)|n'?t)\s*(?:(?:an?|any|the|be|really|very)\s+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex NegatedFlagRegex();

    [GeneratedRegex(@"\b(?:without|no|not)\s+(?:wi\s?fi|bluetooth|wireless)(?:\s+(?:connection|connectivity|support))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoWifiRegex();

    [GeneratedRegex(@"\b(?:wireless|bluetooth|cordless|cord\s+free|(?<wired>wired|corded))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WirelessRegex();

    [GeneratedRegex(@"\b(?:active\s+)?noise\s*(?:cancel+(?:ing|ation|ling)?|canceling|reduction|isolating)\b|\banc\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoiseCancellingRegex();

    [GeneratedRegex(@"\bwater\s*(?:proof|resistant|resistance)\b|\bip(?:x[4-8]|[5-6][4-8])\b", RegexOptions.CultureInvariant)]
    private static partial Regex WaterResistantRegex();

    [GeneratedRegex(@"\b(?:for\s+(?:a\s+)?)?(?<g>men'?s|mens|women'?s|womens|ladies|ladies'|female|male|unisex|kids'?|children'?s|boys'?|girls'?)(?=\s|$|[,.!?])|\bfor\s+(?:a\s+)?(?<g>men|women|man|woman)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GenderRegex();

    [GeneratedRegex(@"\b(?<m>leather|suede|mesh|merino\s+wool|wool|cotton|fleece|nylon|polyester|canvas|gore\s?tex|denim)\b|\b(?<m>down)\b(?=\s+(?:jacket|coat|parka|filled|puffer))", RegexOptions.CultureInvariant)]
    private static partial Regex MaterialRegex();

    [GeneratedRegex(@"\b(?<t>running|jogging|runners|marathon|walking|trail|hiking|basketball|casual|everyday|lifestyle)\b|\bi\s+(?<t>run)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShoeTypeRegex();
}
