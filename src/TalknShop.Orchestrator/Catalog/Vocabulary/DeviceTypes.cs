using static TalknShop.Orchestrator.Catalog.Vocabulary.Vocab;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

internal static class DeviceTypes
{
    public static readonly IReadOnlyList<ProductTypeDefinition> All =
    [
        new("mouse", "mice", "Mouse", 220, 9m, 179m,
            ["computer mouse", "gaming mouse", "wireless mouse", "trackball", "mice"],
            [
                B("Logitech", 35, 0.4, "MX Master 3S", "MX Anywhere 3S", "M720 Triathlon", "G502 X|@noun=Gaming Mouse", "G305 Lightspeed|@noun=Gaming Mouse;wireless=true", "Pebble M350|wireless=true"),
                B("Razer", 18, 0.6, "DeathAdder V3|@noun=Gaming Mouse", "Basilisk V3 Pro|@noun=Gaming Mouse;wireless=true", "Viper Mini|@noun=Gaming Mouse;wireless=false"),
                B("Corsair", 12, 0.5, "M75 Air|@noun=Gaming Mouse;wireless=true", "Harpoon RGB|@noun=Gaming Mouse"),
                B("Microsoft", 14, 0.2, "Bluetooth Mouse|wireless=true", "Arc Mouse|wireless=true", "Basic Optical Mouse|wireless=false"),
                B("Apple", 11, 0.8, "Magic Mouse|wireless=true"),
                B("SteelSeries", 10, 0.55, "Aerox 5|@noun=Gaming Mouse", "Rival 3|@noun=Gaming Mouse"),
            ],
            [
                A(AttributeKeys.Wireless, 0.5, "false*2", "true*3"),
                A(AttributeKeys.BatteryHours, 0.1, "70", "90", "180", "2000").When(AttributeKeys.Wireless, "true"),
                A(AttributeKeys.Color, 0, "Black*4", "White*2", "Graphite", "Pink"),
            ],
            ["Precise sensor that tracks on glass.", "Programmable buttons.", "Comfortable sculpted shape for all-day use.", "USB-C quick charging.", "Silent clicks."]),

        new("printer", "printers", "Printer", 180, 59m, 699m,
            ["all-in-one printer", "laser printer", "inkjet printer", "photo printer", "scanner printer"],
            [
                B("HP", 35, 0.5, "OfficeJet Pro 9015e|@noun=All-in-One Printer", "DeskJet 4155e|@noun=Inkjet Printer", "LaserJet Pro M404dn|@noun=Laser Printer;wireless=false", "Smart Tank 5101|@noun=All-in-One Printer"),
                B("Canon", 25, 0.45, "PIXMA TR8620a|@noun=All-in-One Printer", "imageCLASS MF275dw|@noun=Laser Printer", "SELPHY CP1500|@noun=Photo Printer"),
                B("Epson", 22, 0.5, "EcoTank ET-2800|@noun=All-in-One Printer", "EcoTank ET-4850|@noun=All-in-One Printer", "Expression Photo XP-8700|@noun=Photo Printer"),
                B("Brother", 18, 0.4, "HL-L2460DW|@noun=Laser Printer", "MFC-L2750DW|@noun=All-in-One Laser Printer", "MFC-J1010DW|@noun=Inkjet Printer"),
            ],
            [
                A(AttributeKeys.Wireless, 0.3, "false", "true*6"),
                A(AttributeKeys.Color, 0, "White*2", "Black*3", "Gray"),
            ],
            ["Auto two-sided printing.", "Prints from your phone with the companion app.", "Refillable ink tanks with up to two years of ink in the box.", "Prints up to 30 pages per minute.", "Copy and scan from a 35-page document feeder."]),

        new("router", "routers", "Wi-Fi Router", 180, 39m, 699m,
            ["wifi router", "wi-fi router", "mesh wifi", "mesh router", "wireless router", "modem router"],
            [
                B("TP-Link", 30, 0.25, "Archer AX55|@noun=Wi-Fi 6 Router", "Archer BE550|@noun=Wi-Fi 7 Router", "Deco X55|@noun=Mesh Wi-Fi System"),
                B("Netgear", 22, 0.6, "Nighthawk RAX54S|@noun=Wi-Fi 6 Router", "Orbi RBK763S|@noun=Mesh Wi-Fi System", "Nighthawk RS700S|@noun=Wi-Fi 7 Router"),
                B("ASUS", 18, 0.5, "RT-AX86U Pro|@noun=Wi-Fi 6 Router", "ZenWiFi XT9|@noun=Mesh Wi-Fi System", "ROG Rapture GT-BE98|@noun=Wi-Fi 7 Gaming Router"),
                B("Eero", 13, 0.5, "eero 6+|@noun=Mesh Wi-Fi System", "eero Pro 7|@noun=Mesh Wi-Fi System"),
                B("Linksys", 10, 0.35, "Velop MX4200|@noun=Mesh Wi-Fi System", "Hydra Pro 6|@noun=Wi-Fi 6 Router"),
                B("Google", 7, 0.45, "Nest Wifi Pro|@noun=Mesh Wi-Fi System"),
            ],
            [
                A(AttributeKeys.Wireless, 0, "true"),
                A(AttributeKeys.Color, 0, "Black*3", "White*2"),
            ],
            ["Covers up to 3,000 square feet.", "Connects 100+ devices at once.", "Built-in parental controls and security.", "2.5 Gbps WAN port for multi-gig internet.", "Set up in minutes with the mobile app."]),

        new("game_console", "game consoles", "Console", 160, 199m, 699m,
            ["console", "video game console", "playstation", "ps5", "xbox", "nintendo switch", "switch", "gaming console"],
            [
                B("Sony", 38, 0.6, "PlayStation 5 Slim|resolution=4k;storage_gb=1024", "PlayStation 5 Digital Edition|resolution=4k;storage_gb=1024", "PlayStation 5 Pro|resolution=4k;storage_gb=2048"),
                B("Microsoft", 30, 0.55, "Xbox Series X|resolution=4k;storage_gb=1024/2048", "Xbox Series S|resolution=1440p;storage_gb=512/1024"),
                B("Nintendo", 27, 0.2, "Switch OLED|resolution=1080p;storage_gb=64", "Switch Lite|resolution=720p;storage_gb=32", "Switch|resolution=1080p;storage_gb=32"),
                B("Valve", 5, 0.5, "Steam Deck OLED|resolution=720p;storage_gb=512/1024"),
            ],
            [
                A(AttributeKeys.StorageGb, 0.5, "32", "64", "512", "1024*3", "2048"),
                A(AttributeKeys.Resolution, 0.3, "720p", "1080p", "1440p", "4k*3"),
                A(AttributeKeys.Color, 0, "White*3", "Black*3", "Neon Red/Blue"),
            ],
            ["Includes one wireless controller.", "Ray tracing and up to 120 fps.", "Plays thousands of games, with online subscription options.", "Quick resume between games.", "Ultra-fast SSD load times."]),

        new("smartwatch", "smartwatches", "Smartwatch", 240, 79m, 999m,
            ["smart watch", "apple watch", "fitness watch", "fitness tracker", "galaxy watch", "watch"],
            [
                B("Apple", 32, 0.8, "Watch Series 10", "Watch SE", "Watch Ultra 2|material=titanium"),
                B("Samsung", 22, 0.55, "Galaxy Watch7", "Galaxy Watch Ultra|material=titanium"),
                B("Garmin", 20, 0.7, "Forerunner 265|@noun=GPS Running Watch", "Venu 3", "fenix 8|@noun=Multisport GPS Watch", "Instinct 2 Solar|@noun=Rugged GPS Watch"),
                B("Google", 11, 0.55, "Pixel Watch 3"),
                B("Fitbit", 9, 0.2, "Versa 4", "Sense 2"),
                B("Amazfit", 6, 0.05, "GTR 4", "Bip 5"),
            ],
            [
                A(AttributeKeys.BatteryHours, 0.2, "18*3", "36*2", "48", "72", "168", "336"),
                A(AttributeKeys.WaterResistant, 0, "true"),
                A(AttributeKeys.Material, 0.4, "aluminum*4", "stainless steel", "titanium"),
                A(AttributeKeys.Color, 0, "Black*3", "Silver*2", "Rose Gold", "Midnight", "Green"),
            ],
            ["Heart rate, sleep and blood-oxygen tracking.", "Built-in GPS for runs and rides.", "Crash and fall detection.", "Always-on display.", "Tap to pay from your wrist."]),
    ];
}
