using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>
/// A hand-written stand-in for the catalog's taxonomy: the 22 canonical types with realistic
/// synonyms, brands and price bands, so the understanding tests do not depend on catalog data.
/// </summary>
internal sealed class TestTaxonomy : ICatalogTaxonomy
{
    private static readonly PriceRange[] Cheap = [new(null, 50), new(50, 150), new(150, null)];

    public IReadOnlyList<ProductTypeInfo> ProductTypes { get; } =
    [
        Type("laptop", "laptops", ["notebook", "ultrabook", "chromebook", "macbook"],
            ["Apple", "Dell", "HP", "Lenovo", "ASUS", "Acer", "Microsoft", "Samsung", "MSI", "Razer"],
            Bands(500, 1000), "ram_gb", "storage_gb", "screen_inches", "color", "processor", "battery_hours", "refresh_hz", "resolution"),
        Type("phone", "phones", ["smartphone", "cell phone", "mobile", "iphone"],
            ["Apple", "Samsung", "Google", "OnePlus", "Motorola"],
            Bands(300, 800), "ram_gb", "storage_gb", "screen_inches", "color", "megapixels", "battery_hours", "water_resistant"),
        Type("tablet", "tablets", ["ipad", "e-reader"], ["Apple", "Samsung", "Amazon", "Lenovo", "Microsoft"],
            Bands(250, 600), "ram_gb", "storage_gb", "screen_inches", "color", "battery_hours"),
        Type("headphones", "headphones", ["earbuds", "earphones", "headset", "airpods"],
            ["Sony", "Bose", "Apple", "Sennheiser", "JBL", "Beats"],
            Bands(100, 250), "wireless", "noise_cancelling", "color", "battery_hours", "water_resistant"),
        Type("tv", "TVs", ["television", "smart tv"], ["Samsung", "LG", "Sony", "TCL", "Hisense", "Vizio"],
            Bands(400, 1000), "screen_inches", "resolution", "refresh_hz"),
        Type("monitor", "monitors", ["computer monitor", "gaming monitor"], ["Dell", "LG", "Samsung", "ASUS", "Acer", "BenQ"],
            Bands(200, 400), "screen_inches", "resolution", "refresh_hz"),
        Type("camera", "cameras", ["digital camera", "action camera"], ["Canon", "Nikon", "Sony", "Fujifilm", "GoPro", "Panasonic"],
            Bands(500, 1200), "megapixels", "water_resistant", "color"),
        Type("shoes", "shoes", ["sneakers", "running shoes", "trainers"],
            ["Nike", "Adidas", "ASICS", "Brooks", "New Balance", "Hoka", "Saucony"],
            Bands(80, 140), "size", "color", "shoe_type", "gender", "material", "water_resistant"),
        Type("coffee_maker", "coffee makers", ["coffee machine", "espresso machine"], ["Keurig", "Breville", "Cuisinart", "De'Longhi", "Nespresso", "Mr. Coffee"],
            Bands(60, 200), "capacity_cups", "color"),
        Type("vacuum", "vacuums", ["vacuum cleaner", "robot vacuum"], ["Dyson", "Shark", "iRobot", "Bissell", "Eufy"],
            Bands(150, 400), "wireless", "battery_hours"),
        Type("smartwatch", "smartwatches", ["fitness tracker"], ["Apple", "Samsung", "Garmin", "Fitbit", "Google"],
            Bands(150, 350), "color", "battery_hours", "water_resistant"),
        Type("speaker", "speakers", ["bluetooth speaker", "smart speaker"], ["JBL", "Bose", "Sonos", "Sony", "Ultimate Ears", "Amazon"],
            Cheap, "wireless", "water_resistant", "color", "battery_hours"),
        Type("keyboard", "keyboards", ["mechanical keyboard"], ["Logitech", "Corsair", "Razer", "Keychron", "Microsoft"],
            Cheap, "wireless", "color"),
        Type("mouse", "mice", ["gaming mouse"], ["Logitech", "Razer", "Corsair", "Microsoft", "SteelSeries"],
            [new(null, 30), new(30, 80), new(80, null)], "wireless", "color"),
        Type("printer", "printers", ["laser printer", "inkjet printer"], ["HP", "Canon", "Epson", "Brother"],
            Bands(100, 250), "wireless", "color"),
        Type("router", "routers", ["wifi router", "mesh wifi"], ["Netgear", "TP-Link", "ASUS", "Linksys", "Eero"],
            Bands(100, 250), "wireless"),
        Type("game_console", "game consoles", ["console", "playstation", "xbox"], ["Sony", "Microsoft", "Nintendo"],
            Bands(300, 500), "storage_gb", "color"),
        Type("backpack", "backpacks", ["daypack"], ["JanSport", "The North Face", "Osprey", "Herschel", "Samsonite"],
            Bands(50, 120), "color", "material", "water_resistant"),
        Type("blender", "blenders", ["smoothie maker"], ["Vitamix", "Ninja", "Blendtec", "Oster", "KitchenAid"],
            Bands(60, 200), "color", "capacity_cups"),
        Type("air_fryer", "air fryers", [], ["Ninja", "Cosori", "Instant", "Philips", "Chefman"],
            Bands(60, 120), "capacity_quarts", "color"),
        Type("jacket", "jackets", ["rain jacket", "puffer jacket", "winter coat"], ["The North Face", "Patagonia", "Columbia", "Arc'teryx", "Carhartt"],
            Bands(80, 200), "size", "color", "gender", "material", "water_resistant"),
        Type("office_chair", "office chairs", ["desk chair"], ["Herman Miller", "Steelcase", "Secretlab", "Branch", "HON"],
            Bands(200, 600), "color", "material"),
    ];

    public ProductTypeInfo? FindType(string nameOrSynonym) =>
        ProductTypes.FirstOrDefault(t =>
            t.Name.Equals(nameOrSynonym, StringComparison.OrdinalIgnoreCase)
            || t.Synonyms.Contains(nameOrSynonym, StringComparer.OrdinalIgnoreCase));

    private static PriceRange[] Bands(decimal low, decimal high) => [new(null, low), new(low, high), new(high, null)];

    private static ProductTypeInfo Type(
        string name, string display, string[] synonyms, string[] brands, PriceRange[] bands, params string[] attributes) =>
        new(name, display, synonyms, brands, bands, attributes);
}

/// <summary>
/// The taxonomy the table test runs against. Swap <see cref="Taxonomy"/> for the catalog's real
/// implementation to check the extractor against real catalog vocabulary.
/// </summary>
/// <summary>The table test runs against the real built-in catalog's taxonomy.</summary>
public sealed class TaxonomyFixture
{
    internal ICatalogTaxonomy Taxonomy { get; } = new TalknShop.Orchestrator.Catalog.Taxonomy.CatalogTaxonomy(Catalog.TestCatalog.Store);
}
