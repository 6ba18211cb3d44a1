using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>A need the shopper described, the catalog type that meets it, and a feature it implies.</summary>
internal sealed record UseCaseHit(string Type, string Label, string? Flag);

/// <summary>
/// Needs described instead of named ("my back hurts at my desk", "the wifi doesn't reach my
/// bedroom", "likes drawing") mapped to the catalog's types. Entries whose type the taxonomy lacks
/// are ignored. A phrase that names another product as the thing it is for ("carry my laptop")
/// is claimed so that product is not read as the type.
/// </summary>
internal static partial class UseCases
{
    private static readonly (Regex Regex, string Type, string Label, string? Flag)[] Rules =
    [
        (new(@"\bcarry\s+(?:my\s+|a\s+|the\s+)?(?:books\s+and\s+(?:my\s+)?)?(?:laptop|books|stuff|gear|things)\b|\bbag\s+for\s+(?:hiking|school|travel|work)\b|\bsomething\s+to\s+(?=carry\b)", O), "backpack", "carrying your things", null),
        (new(@"\b(?:second|extra|another|external|dual)\s+(?:screen|monitor|display)\b", O), "monitor", "a second screen", null),
        (new(@"\b(?:back\s+(?:hurts|pain|is\s+killing|aches)|sit(?:ting)?\s+(?:on|in)\s+at\s+my\s+desk|something\s+to\s+sit\s+(?:on|in)|comfy\s+to\s+sit|sitting\s+all\s+day|sit\s+for\s+(?:like\s+)?\d+\s+hours)\b|\bchairs?\b", O), "office_chair", "sitting comfortably at a desk", null),
        (new(@"\b(?:wi\s?fi|internet|signal)\s+(?:doesn'?t|does\s+not|won'?t|keeps|is\s+(?:terrible|bad|slow|weak|awful|spotty))|\b(?:wi\s?fi|internet)\s+(?:is\s+)?(?:slow|terrible|spotty|dropping)|\bdead\s+zones?\b|\bweak\s+(?:wi\s?fi|signal)\b|\bbetter\s+(?:wi\s?fi|coverage)\b", O), "router", "better Wi-Fi coverage", null),
        (new(@"\b(?:likes?|loves?|into|enjoys?)\s+(?:to\s+)?(?:draw(?:ing)?|sketch(?:ing)?|art)\b|\bdigital\s+art\b|\bread(?:ing)?\s+(?:ebooks|books|comics|magazines)\b|\blikes?\s+to\s+read\b|\bfor\s+reading\b|\bvideo\s+call", O), "tablet", "drawing and reading", null),
        (new(@"\b(?:pot|cups?)\s+of\s+coffee\b|\bmak(?:e|es|ing)\s+coffee\b|\bcoffee\s+for\b|\blattes?\b|\bcappuccinos?\b|\bbrew(?:ing)?\b", O), "coffee_maker", "making coffee", null),
        (new(@"\bsmoothies?\b|\bprotein\s+shakes?\b|\bcrush(?:ing)?\s+ice\b|\bfrozen\s+drinks\b|\bmargaritas\b", O), "blender", "smoothies and shakes", null),
        (new(@"\bblock(?:s)?\s+out\s+(?:the\s+)?noise\b|\bdrown\s+out\b|\bnoise\s+on\s+(?:flights|planes|the\s+train)\b", O), "headphones", "blocking out noise", "noise_cancelling"),
        (new(@"\blisten(?:ing)?\s+to\s+(?:music|podcasts|audiobooks)\s+(?:on|during|while)\b|\blisten(?:ing)?\s+to\s+(?:podcasts|audiobooks)\b|\bon\s+my\s+commute\b", O), "headphones", "listening on the go", null),
        (new(@"\bmusic\s+(?:for|at)\s+(?:a|the|my)\s+(?:pool|party|beach|bbq|backyard)|\bpool\s+party\b|\bfill\s+the\s+room\b", O), "speaker", "playing music for a room", null),
        (new(@"\b(?:warm\s+and\s+dry|dry\s+(?:when|while|in)|in\s+the\s+rain)\b", O), "jacket", "staying warm and dry", "water_resistant"),
        (new(@"\bkeep\s+(?:me\s+|him\s+|her\s+)?warm\b|\bwarm\s+in\s+the\s+(?:snow|winter|cold)\b", O), "jacket", "staying warm", null),
        (new(@"\b(?:dog|pet|cat)\s+hair\b|\bsheds?\s+everywhere\b|\bhair\s+everywhere\b|\bfloors?\s+(?:are|is)\s+(?:covered|dirty)\b|\bclean(?:ing)?\s+(?:the\s+)?(?:floors|carpets?)\b", O), "vacuum", "cleaning floors and pet hair", null),
        (new(@"\bfry\b.*\bwithout\b.*\boil\b|\bless\s+oil\b|\bcrispy\s+fries\b|\bwithout\s+a\s+deep\s+fryer\b", O), "air_fryer", "frying with little oil", null),
        (new(@"\bprint(?:ing)?\s+(?:out\s+)?(?:documents|photos|labels|homework|boarding\s+passes|tickets)\b", O), "printer", "printing at home", null),
        (new(@"\btyp(?:e|ing)\s+(?:all\s+day|a\s+lot)\b", O), "keyboard", "typing all day", null),
        (new(@"\bwatch(?:ing)?\s+(?:movies|the\s+game|sports|netflix|shows)\b|\bmovie\s+night\b", O), "tv", "watching movies and shows", null),
        (new(@"\bplay(?:ing)?\s+(?:video\s+)?games\b", O), "game_console", "playing games", null),
        (new(@"\btake\s+(?:better\s+)?(?:photos|pictures)\b|\bvlog(?:ging)?\b|\byoutube\s+channel\b|\bphotography\b", O), "camera", "taking photos and video", null),
        (new(@"\btrack\s+my\s+(?:runs|steps|workouts|sleep|heart\s+rate)\b|\bcount(?:s)?\s+(?:my\s+)?steps\b", O), "smartwatch", "tracking workouts", null),
    ];

    private const RegexOptions O = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>The first described need in the free text whose type the catalog has, claimed on the scan.</summary>
    public static UseCaseHit? Find(TextScan scan, Func<string, bool> typeExists)
    {
        UseCaseHit? found = null;
        foreach (var (regex, type, label, flag) in Rules)
        {
            if (!typeExists(type))
            {
                continue;
            }

            foreach (var match in scan.Free(regex))
            {
                scan.Consume(match);
                found ??= new UseCaseHit(type, label, flag);
            }
        }

        return found;
    }

    public static void ApplyFlag(UseCaseHit? hit, ParsedMessage into)
    {
        if (hit?.Flag is { } flag)
        {
            into.SetAttribute(flag, AttributeConstraint.Has(true));
        }
    }
}
