namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Everyday English words that sit close to catalog words: never "corrected" into one ("later" is
/// not "laser") and never enough on their own to name a product line ("magic", "switch").
/// </summary>
internal static class EverydayWords
{
    public static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "shows", "show", "later", "start", "started", "parks", "coast", "chain", "cheer", "chip", "chips", "spend", "speed",
        "smart", "small", "smell", "water", "wafer", "mouth", "moose", "phony", "shone", "shore", "share", "chart", "chat",
        "cheek", "check", "sheep", "sleep", "steep", "tablets", "table", "cable", "fable", "label", "labor", "lap", "lapse",
        "magic", "basic", "classic", "power", "series", "essential", "premium", "total", "little", "big", "right", "heritage",
        "travel", "everyday", "fit", "studio", "tune", "live", "move", "charge", "flip", "era", "beam", "bar", "fire", "switch",
        "edge", "air", "transport", "guide", "ride", "ghost", "jazz", "down", "better", "rain", "nano", "atom", "modern",
        "stealth", "blade", "swift", "envy", "yoga", "legion", "aspire", "pavilion", "victus", "gaming", "ergonomic",
        "bluetooth", "wireless", "mechanical", "full", "size", "compact", "touch", "mini", "max", "pro", "plus", "ultra",
        "select", "quantum", "crystal", "class", "motion", "field", "home", "sense", "pocket", "action", "black", "white",
        "express", "precision", "specialty", "easy", "measure", "iced", "hot", "cafe", "luxe", "dual", "vortex", "slim",
        "detect", "absolute", "animal", "ball", "swivel", "little", "green", "portable", "carpet", "cleaner", "upright",
        "explorian", "ascent", "wave", "crusher", "foodi", "personal", "original", "elite", "core", "task", "mesh", "back",
        "high", "low", "mid", "executive", "gesture", "leap", "convergence", "ignition", "verve", "puff", "sweater", "shell",
        "work", "duck", "trucker", "faux", "leather", "moto", "interchange", "mountain", "powder", "lite", "better", "student",
        "pack", "school", "training", "lifestyle", "business", "recon", "jester", "daylite", "elemental", "everyday", "talon",
        "system", "nest", "watch", "tab", "fire", "go", "laptop", "phone", "buds", "solo", "momentum",
        "space", "one", "life", "liberty", "vibe", "accentum", "live", "boom", "era", "smart", "soundbar", "versa", "bip",
        "sayl", "embody", "aeron", "gel", "walking", "running", "trail", "casual", "basketball", "air", "force", "samba",
        "cascadia", "bondi", "clifton", "pegasus", "vomero", "ultraboost", "transport", "walker", "addiction", "hierro",
        "fresh", "foam", "peregrine", "speedgoat", "jazz", "glycerin", "adrenaline", "ghost", "guide", "ride", "parka",
        "denali", "nuptse", "venture", "torrentshell", "watertight", "defender", "bugaboo", "steens", "cerium", "hoody",
        "beta", "combo", "navigator", "stratos", "cordless", "stick", "robot", "vacuum", "mop", "omni", "evolve", "store",
        "stores", "mouse", "keyboard", "printer", "router", "console", "camera", "tablet", "monitor", "speaker", "blender",
        "jacket", "shoes", "shoe", "chair", "backpack", "drive", "dive", "drove", "brand", "brands", "bread", "cheap", "cheat",
        "later", "layer", "lover", "cover", "cases", "caste", "taste", "paste", "chairs", "hairs", "flyer", "fryers", "spoke",
        "poker", "speak", "spoken", "sneak", "snake", "march", "watts", "waste", "mousse", "house", "horse", "phase", "games",
        "gamer", "game", "hola", "hallo", "salut", "bonjour", "merci", "danke", "gracias", "crispy", "books", "book", "tables", "monster", "printed", "printing", "prints", "routes", "route", "roots", "camper", "campers",
    };
}
