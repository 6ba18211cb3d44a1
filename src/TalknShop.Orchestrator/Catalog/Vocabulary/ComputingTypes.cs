using static TalknShop.Orchestrator.Catalog.Vocabulary.Vocab;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

internal static class ComputingTypes
{
    public static readonly IReadOnlyList<ProductTypeDefinition> All =
    [
        new("laptop", "laptops", "Laptop", 480, 279m, 3499m,
            ["notebook", "ultrabook", "chromebook", "macbook", "notebook computer", "gaming laptop"],
            [
                B("Dell", 16, 0.55, "XPS 13|screen_inches=13.3", "XPS 15|screen_inches=15.6", "Inspiron 15|screen_inches=15.6", "Latitude 7440|screen_inches=14", "Alienware m16|screen_inches=16"),
                B("HP", 15, 0.45, "Pavilion 15|screen_inches=15.6", "Envy x360|screen_inches=14/15.6", "Spectre x360 14|screen_inches=14", "Victus 16|screen_inches=16", "Chromebook 14|screen_inches=14;ram_gb=8;storage_gb=256"),
                B("Lenovo", 15, 0.45, "IdeaPad Slim 5", "ThinkPad X1 Carbon|screen_inches=14", "ThinkPad E16|screen_inches=16", "Yoga 7i", "Legion 5 Pro|screen_inches=16"),
                B("Apple", 13, 0.85, "MacBook Air 13|screen_inches=13.3;processor=Apple M2/Apple M3", "MacBook Air 15|screen_inches=15.3;processor=Apple M3", "MacBook Pro 14|screen_inches=14;processor=Apple M3 Pro/Apple M4", "MacBook Pro 16|screen_inches=16;processor=Apple M3 Max/Apple M4 Pro"),
                B("ASUS", 11, 0.45, "Vivobook 15|screen_inches=15.6", "Zenbook 14 OLED|screen_inches=14", "ROG Zephyrus G14|screen_inches=14", "TUF Gaming A15|screen_inches=15.6"),
                B("Acer", 9, 0.3, "Aspire 5|screen_inches=15.6", "Swift Go 14|screen_inches=14", "Nitro V 15|screen_inches=15.6", "Chromebook Plus 515|screen_inches=15.6;ram_gb=8"),
                B("Microsoft", 6, 0.7, "Surface Laptop 7|screen_inches=13.3/15", "Surface Laptop Go 3|screen_inches=13.3;ram_gb=8/16"),
                B("Samsung", 5, 0.6, "Galaxy Book4 Pro|screen_inches=14/16", "Galaxy Book4 360|screen_inches=15.6"),
                B("MSI", 5, 0.6, "Katana 15|screen_inches=15.6", "Stealth 16|screen_inches=16", "Modern 14|screen_inches=14"),
                B("Razer", 3, 0.95, "Blade 14|screen_inches=14", "Blade 16|screen_inches=16"),
            ],
            [
                A(AttributeKeys.RamGb, 0.5, "8*3", "16*5", "32*2", "64"),
                A(AttributeKeys.StorageGb, 0.35, "256*3", "512*5", "1024*3", "2048"),
                A(AttributeKeys.ScreenInches, 0.1, "13.3", "14*2", "15.6*2", "16", "17.3"),
                A(AttributeKeys.Processor, 0.3, "Intel Core i5*2", "AMD Ryzen 5*2", "Intel Core i7*2", "AMD Ryzen 7*2", "Intel Core Ultra 7", "Intel Core i9"),
                A(AttributeKeys.Color, 0, "Silver*3", "Space Gray*2", "Black*3", "Blue"),
            ],
            ["Backlit keyboard and a full-size trackpad.", "Fast charging gets you to 50% in about 30 minutes.", "Wi-Fi 6E and Bluetooth 5.3.", "Thin aluminum chassis under 4 pounds.", "Includes USB-C, USB-A and HDMI ports.", "1080p webcam with privacy shutter."]),

        new("phone", "phones", "Smartphone", 420, 149m, 1599m,
            ["smartphone", "cell phone", "cellphone", "mobile", "mobile phone", "iphone", "android phone"],
            [
                B("Apple", 30, 0.85, "iPhone 15|screen_inches=6.1;megapixels=48", "iPhone 15 Plus|screen_inches=6.7;megapixels=48", "iPhone 16|screen_inches=6.1;megapixels=48", "iPhone 16 Pro|screen_inches=6.3;megapixels=48", "iPhone 16 Pro Max|screen_inches=6.9;megapixels=48", "iPhone SE|screen_inches=4.7;megapixels=12"),
                B("Samsung", 30, 0.6, "Galaxy S24|screen_inches=6.2;megapixels=50", "Galaxy S24 Ultra|screen_inches=6.8;megapixels=200", "Galaxy A35|screen_inches=6.6;megapixels=50", "Galaxy A15|screen_inches=6.5;megapixels=50", "Galaxy Z Flip6|screen_inches=6.7;megapixels=50"),
                B("Google", 18, 0.6, "Pixel 9|screen_inches=6.3;megapixels=50", "Pixel 9 Pro|screen_inches=6.3;megapixels=50", "Pixel 8a|screen_inches=6.1;megapixels=64"),
                B("OnePlus", 11, 0.5, "OnePlus 12|screen_inches=6.8;megapixels=50", "Nord N30|screen_inches=6.7;megapixels=108"),
                B("Motorola", 11, 0.2, "Moto G Power|screen_inches=6.7;megapixels=50", "Moto G Stylus|screen_inches=6.7;megapixels=50", "Edge 2024|screen_inches=6.6;megapixels=50", "Razr+|screen_inches=6.9;megapixels=50"),
            ],
            [
                A(AttributeKeys.StorageGb, 0.5, "64", "128*4", "256*4", "512*2", "1024"),
                A(AttributeKeys.ScreenInches, 0.1, "6.1", "6.3", "6.5", "6.7"),
                A(AttributeKeys.Megapixels, 0.2, "12", "48", "50", "108", "200"),
                A(AttributeKeys.BatteryHours, 0.1, "20", "24", "29", "33"),
                A(AttributeKeys.WaterResistant, 0, "false", "true*5"),
                A(AttributeKeys.Color, 0, "Black*3", "White", "Blue*2", "Green", "Pink", "Titanium"),
            ],
            ["Unlocked for all major carriers.", "5G with Wi-Fi 7 support.", "All-day battery with fast wired and wireless charging.", "Bright OLED display with adaptive refresh.", "Night mode and 4K video on every lens.", "Five years of security updates."]),

        new("tablet", "tablets", "Tablet", 260, 79m, 1999m,
            ["ipad", "android tablet", "e-reader tablet", "tab"],
            [
                B("Apple", 35, 0.85, "iPad 10th Gen|screen_inches=10.9", "iPad Air 11|screen_inches=11", "iPad Air 13|screen_inches=13", "iPad Pro 11|screen_inches=11", "iPad Pro 13|screen_inches=13", "iPad mini|screen_inches=8.3"),
                B("Samsung", 28, 0.55, "Galaxy Tab S9|screen_inches=11", "Galaxy Tab S9 FE|screen_inches=10.9", "Galaxy Tab A9+|screen_inches=11"),
                B("Amazon", 18, 0.05, "Fire HD 10|screen_inches=10.1;ram_gb=3/4", "Fire Max 11|screen_inches=11;ram_gb=4", "Fire HD 8|screen_inches=8;ram_gb=2/3"),
                B("Lenovo", 12, 0.3, "Tab P12|screen_inches=12.7", "Tab M11|screen_inches=11"),
                B("Microsoft", 7, 0.9, "Surface Pro 11|screen_inches=13", "Surface Go 4|screen_inches=10.5"),
            ],
            [
                A(AttributeKeys.StorageGb, 0.6, "32", "64*3", "128*4", "256*3", "512", "1024"),
                A(AttributeKeys.ScreenInches, 0.15, "8.3", "10.9", "11", "12.9", "13"),
                A(AttributeKeys.RamGb, 0.2, "2", "3", "4", "8*2", "12", "16"),
                A(AttributeKeys.BatteryHours, 0, "10", "12*2", "13"),
                A(AttributeKeys.Color, 0, "Space Gray*3", "Silver*2", "Blue", "Pink", "Black*2"),
            ],
            ["Works with a stylus and keyboard cover (sold separately).", "Wi-Fi 6 with optional 5G.", "Quad speakers tuned for movies.", "Great for reading, streaming and note-taking.", "Front camera with center framing for video calls."]),

        new("monitor", "monitors", "Monitor", 260, 99m, 1999m,
            ["computer monitor", "display", "gaming monitor", "computer screen"],
            [
                B("Dell", 20, 0.55, "UltraSharp U2724D", "S2722DC", "Alienware AW3423DWF|screen_inches=34", "SE2425H|screen_inches=24;resolution=1080p"),
                B("LG", 18, 0.5, "UltraGear 27GR95QE|screen_inches=27", "UltraFine 32UN880|screen_inches=32;resolution=4k", "24MR400|screen_inches=24;resolution=1080p"),
                B("Samsung", 17, 0.55, "Odyssey G7|screen_inches=27/32", "Odyssey Neo G9|screen_inches=49", "ViewFinity S8|screen_inches=27/32;resolution=4k"),
                B("ASUS", 14, 0.5, "ROG Swift PG27AQDM|screen_inches=27", "ProArt PA278CV|screen_inches=27", "TUF Gaming VG27AQ|screen_inches=27"),
                B("Acer", 11, 0.25, "Nitro XV272U|screen_inches=27", "SB242Y|screen_inches=24;resolution=1080p"),
                B("BenQ", 8, 0.5, "MOBIUZ EX2710Q|screen_inches=27", "PD2705U|screen_inches=27;resolution=4k"),
                B("HP", 7, 0.3, "M27f|screen_inches=27;resolution=1080p", "OMEN 27qs|screen_inches=27"),
                B("MSI", 5, 0.4, "MAG 274QRF|screen_inches=27", "Optix G24C4|screen_inches=24"),
            ],
            [
                A(AttributeKeys.ScreenInches, 0.5, "24*2", "27*4", "32*2", "34", "49"),
                A(AttributeKeys.Resolution, 0.5, "1080p*2", "1440p*3", "4k*2"),
                A(AttributeKeys.RefreshHz, 0.3, "60*2", "75", "144*2", "165*2", "240"),
                A(AttributeKeys.Color, 0, "Black*5", "White", "Silver"),
            ],
            ["Height-adjustable stand with tilt and swivel.", "USB-C with 90 W charging.", "HDR support and factory color calibration.", "Flicker-free backlight and low blue light mode.", "VESA mount compatible."]),

        new("keyboard", "keyboards", "Keyboard", 220, 19m, 249m,
            ["mechanical keyboard", "gaming keyboard", "wireless keyboard", "computer keyboard"],
            [
                B("Logitech", 30, 0.4, "MX Keys S", "MX Mechanical Mini", "K380", "G915 TKL|@noun=Gaming Keyboard", "Pop Keys"),
                B("Razer", 15, 0.6, "BlackWidow V4|@noun=Gaming Keyboard", "Huntsman Mini|@noun=Gaming Keyboard"),
                B("Corsair", 14, 0.55, "K70 RGB Pro|@noun=Gaming Keyboard", "K65 Plus Wireless|wireless=true"),
                B("Keychron", 14, 0.5, "K2 Pro|@noun=Mechanical Keyboard", "Q1 Max|@noun=Mechanical Keyboard", "V1|@noun=Mechanical Keyboard;wireless=false"),
                B("Apple", 10, 0.8, "Magic Keyboard|wireless=true", "Magic Keyboard with Touch ID|wireless=true"),
                B("Microsoft", 10, 0.2, "Ergonomic Keyboard", "Bluetooth Keyboard|wireless=true"),
                B("SteelSeries", 7, 0.6, "Apex Pro TKL|@noun=Gaming Keyboard"),
            ],
            [
                A(AttributeKeys.Wireless, 0.5, "false*2", "true*3"),
                A(AttributeKeys.BatteryHours, 0.1, "40", "200", "720").When(AttributeKeys.Wireless, "true"),
                A(AttributeKeys.Color, 0, "Black*4", "White*2", "Gray", "Pink"),
                A(AttributeKeys.Material, 0.2, "plastic*3", "aluminum"),
            ],
            ["Quiet, tactile keys rated for 50 million presses.", "Connects to up to three devices.", "Per-key RGB backlighting.", "Works with Windows, macOS, ChromeOS and Linux.", "Hot-swappable switches."]),
    ];
}
