using System.Globalization;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>Minimum rating, condition, price words, marketplaces and "start over".</summary>
internal static partial class QualifierParser
{
    private const double HighlyRated = 4.0;

    /// <summary>Runs before units and money so "4 stars" is never read as $4.</summary>
    public static void ParseRating(TextScan scan, ParsedMessage into)
    {
        foreach (var regex in new[] { StarsRegex(), RatedRegex() })
        {
            foreach (var match in scan.Free(regex))
            {
                into.RatingMin ??= Math.Clamp(double.Parse(Digits.ToAscii(match.Groups["n"].Value), CultureInfo.InvariantCulture), 0, 5);
                scan.Consume(match);
            }
        }

        foreach (var match in scan.Free(HighlyRatedRegex()))
        {
            into.RatingMin ??= HighlyRated;
            scan.Consume(match);
        }
    }

    public static void ParseCondition(TextScan scan, ParsedMessage into)
    {
        (Regex Regex, string Condition)[] rules =
        [
            (LikeNewRegex(), "like_new"),
            (RefurbishedRegex(), "refurbished"),
            (UsedRegex(), "used"),
            (BrandNewRegex(), "new"),
            (GoodConditionRegex(), "good"),
            (FairConditionRegex(), "fair"),
        ];
        foreach (var (regex, condition) in rules)
        {
            foreach (var match in scan.Free(regex))
            {
                scan.Consume(match);
                // "no refurbished", "not used": ruled out, not asked for.
                if (condition is "used" or "refurbished" or "like_new" && NotConditionRegex().IsMatch(scan.Before(match.Index, 16)))
                {
                    into.RuledOutSecondHand = true;
                    continue;
                }

                into.Condition ??= condition;
            }
        }

        if (into.RuledOutSecondHand)
        {
            into.Condition ??= "new";
        }
    }

    public static void ParsePriceWords(TextScan scan, ParsedMessage into)
    {
        (Regex Regex, PriceIntent Intent)[] rules =
        [
            (NotPriceyRegex(), PriceIntent.Cheap),
            (CheaperRegex(), PriceIntent.Cheaper),
            (PricierRegex(), PriceIntent.Pricier),
            (CheapRegex(), PriceIntent.Cheap),
            (PremiumRegex(), PriceIntent.Premium),
        ];
        foreach (var (regex, intent) in rules)
        {
            foreach (var match in scan.Free(regex))
            {
                if (into.PriceIntent == PriceIntent.None)
                {
                    into.PriceIntent = intent;
                }

                scan.Consume(match);
            }
        }
    }

    /// <summary>
    /// "on Amazon" is a marketplace even though Amazon is also a brand, so the cued form runs
    /// before brands; bare marketplace names that no brand claimed are read afterwards.
    /// </summary>
    public static void ParseMarketplaces(TextScan scan, ParsedMessage into, bool cuedOnly)
    {
        foreach (var match in scan.Free(cuedOnly ? CuedMarketplaceRegex() : MarketplaceRegex()))
        {
            var marketplace = match.Groups["m"].Value;
            if (!into.Marketplaces.Contains(marketplace))
            {
                into.Marketplaces.Add(marketplace);
            }

            scan.Consume(match);
        }
    }

    /// <summary>"start over", "new search": a fresh spec even for the same product type.</summary>
    public static bool StartsOver(string text) => StartOverRegex().IsMatch(text);

    public static void ConsumeStartOver(TextScan scan)
    {
        foreach (var match in scan.Free(StartOverRegex()))
        {
            scan.Consume(match);
        }
    }

    [GeneratedRegex(@"(?:(?:at\s+least|minimum(?:\s+of)?|min|over|above|no\s+less\s+than)\s+)?(?<![\w.])(?<n>[0-5](?:\.\d)?)\s?\+?\s?(?:-\s?)?stars?(?:\s+(?:and|or|&)\s+(?:up|above|higher|more|better|over))?(?:\s+(?:rating|rated|reviews?|minimum|min))?", RegexOptions.CultureInvariant)]
    private static partial Regex StarsRegex();

    [GeneratedRegex(@"\b(?:rated|rating(?:\s+of)?|reviews?\s+of)\s+(?:(?:at\s+least|above|over|of\s+at\s+least|minimum)\s+)?(?<n>[0-5](?:\.\d)?)(?!\d)(?:\s?\+)?(?:\s+(?:or|and)\s+(?:up|above|higher|better|more))?", RegexOptions.CultureInvariant)]
    private static partial Regex RatedRegex();

    [GeneratedRegex(@"\b(?:highly|well|top|best|high|great)\s+(?:rated|reviewed)\b|\b(?:good|great|excellent)\s+(?:reviews|ratings)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HighlyRatedRegex();

    [GeneratedRegex(@"\b(?:like\s+new|open\s+box|mint\s+condition|excellent\s+condition)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LikeNewRegex();

    [GeneratedRegex(@"\b(?:refurbished|refurb|renewed|reconditioned|certified\s+pre\s?owned)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RefurbishedRegex();

    [GeneratedRegex(@"\b(?:gently\s+)?(?:used|second\s+hand|secondhand|pre\s?owned)\b(?!\s+(?:for|to|by|in|with|as|it|them|on|at)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex UsedRegex();

    [GeneratedRegex(@"\b(?:brand\s+new|new\s+condition|new\s+only|only\s+new|factory\s+sealed|new(?=,?\s+not\s+(?:used|refurbished)))\b", RegexOptions.CultureInvariant)]
    private static partial Regex BrandNewRegex();

    [GeneratedRegex(@"\bgood\s+condition\b", RegexOptions.CultureInvariant)]
    private static partial Regex GoodConditionRegex();

    [GeneratedRegex(@"\bfair\s+condition\b", RegexOptions.CultureInvariant)]
    private static partial Regex FairConditionRegex();

    [GeneratedRegex(@"\b(?:cheaper|less\s+expensive|lower\s+priced|more\s+affordable|lower\s+price|too\s+(?:expensive|pricey))\b", RegexOptions.CultureInvariant)]
    private static partial Regex CheaperRegex();

    [GeneratedRegex(@"\b(?:more\s+expensive|pricier|higher\s+end|more\s+premium|fancier|step\s+up|nicer\s+ones?|better\s+ones?|too\s+cheap)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PricierRegex();

    [GeneratedRegex(@"\b(?:cheap|cheapest|inexpensive|budget(?:\s+friendly)?|affordable|low\s+cost|economical|bargain|entry\s+level)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CheapRegex();

    [GeneratedRegex(@"\b(?:not|nothing|no)\s+(?:the\s+|too\s+|very\s+|that\s+|super\s+|crazy\s+|overly\s+)?(?:pricey|expensive|fancy|crazy|high\s+end|costly)(?:\s+ones?)?\b|\bdon'?t\s+want\s+to\s+(?:spend|pay)\s+(?:a\s+lot|much|too\s+much)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotPriceyRegex();

    [GeneratedRegex(@"\b(?:no|not|never|nothing|without)\s+(?:an?\s+|any\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NotConditionRegex();

    [GeneratedRegex(@"\b(?:premium|high\s+end|top\s+of\s+the\s+line|flagship|luxury|money\s+can\s+buy|best\s+of\s+the\s+best|no\s+expense\s+spared)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PremiumRegex();

    [GeneratedRegex(@"\b(?:on|at|from|via|through|in)\s+(?:the\s+)?(?<m>amazon|walmart|ebay|target|kroger)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CuedMarketplaceRegex();

    [GeneratedRegex(@"\b(?<m>amazon|walmart|ebay|target|kroger)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MarketplaceRegex();

    [GeneratedRegex(@"\b(?:start\s+over|new\s+search|start\s+again|from\s+scratch)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StartOverRegex();
}
