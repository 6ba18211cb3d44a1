using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Which product types fit a message that names none: "something for my kitchen" → coffee makers,
/// blenders, air fryers. Places, people and activities shoppers mention, mapped to the catalog's types;
/// without a hint, the catalog's own order.
/// </summary>
internal static class ClarificationTypeHints
{
    private static readonly (string[] Words, string[] Types)[] Hints =
    [
        (["kitchen", "cook", "cooking", "breakfast", "morning", "smoothie", "baking", "food"], ["coffee_maker", "blender", "air_fryer"]),
        (["coffee", "espresso", "latte"], ["coffee_maker"]),
        (["office", "desk", "home office", "working from home", "work from home", "wfh", "work"], ["office_chair", "monitor", "keyboard", "laptop"]),
        (["clean", "cleaning", "floor", "floors", "carpet", "dust", "pet hair"], ["vacuum"]),
        (["gaming", "gamer", "games", "game"], ["game_console", "monitor", "headphones", "mouse"]),
        (["music", "party", "parties", "listen", "listening"], ["speaker", "headphones"]),
        (["gym", "running", "run", "fitness", "workout", "exercise", "jog", "jogging"], ["smartwatch", "headphones", "shoes"]),
        (["hiking", "outdoor", "outdoors", "camping", "winter", "cold", "rain"], ["jacket", "backpack", "shoes"]),
        (["travel", "trip", "vacation", "flight", "commute"], ["backpack", "headphones", "camera", "tablet"]),
        (["school", "college", "student", "study", "class"], ["laptop", "backpack", "tablet", "headphones"]),
        (["photo", "photos", "photography", "pictures", "video", "vlog"], ["camera", "phone"]),
        (["living room", "movie", "movies", "watch", "streaming"], ["tv", "speaker"]),
        (["wifi", "internet", "network"], ["router"]),
        (["print", "printing", "documents"], ["printer"]),
        (["gift", "present", "birthday", "christmas"], ["headphones", "smartwatch", "speaker", "coffee_maker"]),
        (["kids", "kid", "child", "children", "son", "daughter", "teen"], ["tablet", "game_console", "headphones", "backpack"]),
    ];

    public static IEnumerable<ProductTypeInfo> For(string message, ICatalogTaxonomy taxonomy)
    {
        var text = " " + new string([.. message.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')]) + " ";
        var hinted = Hints
            .Where(h => h.Words.Any(w => text.Contains(" " + w + " ", StringComparison.Ordinal)))
            .SelectMany(h => h.Types)
            .Distinct(StringComparer.Ordinal)
            .Select(taxonomy.FindType)
            .OfType<ProductTypeInfo>();
        return hinted.Concat(taxonomy.ProductTypes).DistinctBy(t => t.Name, StringComparer.Ordinal);
    }
}
