namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Phrasing shoppers use that a catalog's synonym list is unlikely to carry. Entries only take
/// effect when the taxonomy actually has the canonical type or brand they point to, so the
/// catalog stays the source of truth for what exists.
/// </summary>
internal static class SupplementaryTerms
{
    /// <summary>Extra phrase → canonical product type (plural forms are added automatically).</summary>
    public static readonly IReadOnlyDictionary<string, string> TypePhrases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["laptop computer"] = "laptop",
        ["thinkpad"] = "laptop",
        ["ideapad"] = "laptop",
        ["zenbook"] = "laptop",
        ["galaxy tab"] = "tablet",
        ["mobile phone"] = "phone",
        ["ipad"] = "tablet",
        ["ear buds"] = "headphones",
        ["earpods"] = "headphones",
        ["mice"] = "mouse",
        ["smart watch"] = "smartwatch",
        ["fitness watch"] = "smartwatch",
        ["apple watch"] = "smartwatch",
        ["galaxy watch"] = "smartwatch",
        ["ps5"] = "game_console",
        ["ps4"] = "game_console",
        ["nintendo switch"] = "game_console",
        ["gaming console"] = "game_console",
        ["video game console"] = "game_console",
        ["coffeemaker"] = "coffee_maker",
        ["airfryer"] = "air_fryer",
        ["gaming chair"] = "office_chair",
        ["computer chair"] = "office_chair",
        ["rucksack"] = "backpack",
        ["coat"] = "jacket",
        ["parka"] = "jacket",
        ["footwear"] = "shoes",
        ["shoe"] = "shoes",
        ["wifi router"] = "router",
        ["wi fi router"] = "router",
        ["bluetooth speaker"] = "speaker",
        ["soundbar"] = "speaker",
        ["dslr"] = "camera",
        ["mirrorless camera"] = "camera",
        ["chair"] = "office_chair",
        ["espresso maker"] = "coffee_maker",
        ["gps watch"] = "smartwatch",
        ["running watch"] = "smartwatch",
        ["second monitor"] = "monitor",
        ["computer screen"] = "monitor",
        ["pc monitor"] = "monitor",
        ["cell"] = "phone",
        ["earphone"] = "headphones",
    };

    /// <summary>Feature and price words typos are repaired towards, besides types, brands and lines.</summary>
    public static readonly IReadOnlyList<string> FeatureWords =
    [
        "wireless", "bluetooth", "waterproof", "water resistant", "cordless", "noise", "cancelling", "canceling", "mechanical",
        "running", "espresso", "refurbished", "gaming", "portable", "cheap", "budget", "affordable", "expensive", "premium",
        "ergonomic", "laptop", "keyboard", "screen", "inches", "under", "between", "around",
    ];

    /// <summary>Product-line words that name the brand too ("a macbook" is an Apple laptop).</summary>
    public static readonly IReadOnlyDictionary<string, string> ImpliedBrands = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["macbook"] = "Apple",
        ["thinkpad"] = "Lenovo",
        ["ideapad"] = "Lenovo",
        ["zenbook"] = "ASUS",
        ["galaxy tab"] = "Samsung",
        ["iphone"] = "Apple",
        ["ipad"] = "Apple",
        ["airpods"] = "Apple",
        ["apple watch"] = "Apple",
        ["galaxy watch"] = "Samsung",
        ["playstation"] = "Sony",
        ["ps5"] = "Sony",
        ["ps4"] = "Sony",
        ["xbox"] = "Microsoft",
        ["nintendo switch"] = "Nintendo",
    };

    /// <summary>Colour words → the lower-case colour name products carry.</summary>
    public static readonly IReadOnlyDictionary<string, string> Colors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rose gold"] = "rose gold", ["space gray"] = "space gray", ["space grey"] = "space gray",
        ["black"] = "black", ["white"] = "white", ["silver"] = "silver", ["gray"] = "gray", ["grey"] = "gray",
        ["red"] = "red", ["blue"] = "blue", ["navy"] = "navy", ["green"] = "green", ["pink"] = "pink",
        ["purple"] = "purple", ["gold"] = "gold", ["yellow"] = "yellow", ["orange"] = "orange",
        ["brown"] = "brown", ["beige"] = "beige", ["tan"] = "tan", ["teal"] = "teal", ["olive"] = "olive",
        ["burgundy"] = "burgundy", ["cream"] = "cream",
    };

    /// <summary>Words that never make a useful full-text keyword.</summary>
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "i", "i'm", "im", "me", "my", "mine", "we", "us", "our", "you", "your", "it", "its", "it's",
        "this", "that", "these", "those", "one", "ones", "some", "any", "anything", "something", "thing", "things",
        "and", "or", "but", "nor", "so", "if", "then", "than", "as", "of", "for", "to", "in", "on", "at", "by",
        "with", "without", "from", "into", "about", "around", "under", "over", "below", "above", "between", "up",
        "is", "are", "am", "be", "been", "was", "were", "do", "does", "did", "don't", "dont", "can", "could",
        "would", "should", "will", "shall", "may", "might", "must", "have", "has", "had", "get", "got", "getting",
        "need", "needs", "want", "wants", "wanna", "looking", "look", "find", "show", "give", "buy", "buying",
        "shopping", "search", "searching", "recommend", "recommendation", "recommendations", "suggest", "please",
        "pls", "thanks", "thank", "hi", "hey", "hello", "like", "just", "only", "also", "too", "really", "very",
        "good", "great", "nice", "best", "better", "decent", "solid", "new", "not", "no", "yes", "ok", "okay",
        "actually", "instead", "now", "maybe", "perhaps", "well", "what", "which", "who", "how", "where", "when",
        "there", "here", "options", "option", "price", "prices", "priced", "budget", "dollars", "dollar", "bucks",
        "usd", "max", "maximum", "min", "minimum", "least", "most", "less", "more", "much", "many", "less",
        "cost", "costs", "spend", "something's", "let's", "lets", "let", "see", "other", "else", "another",
        "except", "excluding", "avoid", "anything", "brand", "brands", "quality", "price", "range", "ideally",
        "preferably", "prefer", "please", "help", "pair", "set", "kind", "type", "sort", "model", "models",
        "stuff", "item", "items", "product", "products", "gift", "someone", "somebody", "son", "daughter", "wife",
        "husband", "mom", "dad", "kid", "friend", "go", "going", "use", "using", "used", "work", "works", "working",
        "life", "battery", "screen", "display", "size", "rating", "rated", "stars", "star", "reviews", "condition",
        "color", "colour", "ram", "memory", "storage", "inch", "inches", "ish", "so", "all", "every", "each",
        "out", "there's", "that's", "cheap", "cheaper", "affordable", "expensive", "pricey", "has", "having",
        "around", "roughly", "approximately", "tops", "plus", "start", "over", "again", "same", "still", "though",
        "within", "sure", "fine", "either", "both", "daily", "day", "enough", "right", "think", "changed", "change",
        "mind", "wait", "hmm", "um", "uh", "sorry", "oh", "nevermind", "never", "after", "is", "fine", "okay", "i'd",
        "i'll", "i've", "we're", "you're", "them", "they", "something", "anything", "ones", "maybe", "probably",
        "around", "top", "pick", "picks", "cool", "awesome", "love", "lot", "lots", "bit", "little", "kinda",
        "aren't", "isn't", "what's", "deal", "deals", "sale", "users", "user", "can't", "won't", "that", "couple", "preferred", "makes", "make", "has", "does", "got",
    };
}
