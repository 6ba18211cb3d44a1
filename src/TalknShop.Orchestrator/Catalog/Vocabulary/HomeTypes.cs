using static TalknShop.Orchestrator.Catalog.Vocabulary.Vocab;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

internal static class HomeTypes
{
    public static readonly IReadOnlyList<ProductTypeDefinition> All =
    [
        new("coffee_maker", "coffee makers", "Coffee Maker", 260, 24m, 1499m,
            ["coffee machine", "espresso machine", "coffee pot", "drip coffee maker", "keurig", "single serve coffee maker", "coffeemaker"],
            [
                B("Keurig", 20, 0.25, "K-Elite|@noun=Single Serve Coffee Maker;capacity_cups=1", "K-Mini|@noun=Single Serve Coffee Maker;capacity_cups=1", "K-Duo|capacity_cups=12"),
                B("Cuisinart", 17, 0.35, "DCC-3200P1|capacity_cups=14", "Grind & Brew DGB-400|capacity_cups=12", "SS-10 Coffee Center|capacity_cups=10/12"),
                B("Mr. Coffee", 14, 0.0, "Easy Measure|capacity_cups=12", "4-Cup Switch|capacity_cups=4", "Iced and Hot|capacity_cups=1/2"),
                B("Ninja", 13, 0.35, "Specialty CM401|capacity_cups=10", "DualBrew Pro CFP301|capacity_cups=12", "Luxe Cafe ES601|@noun=Espresso Machine;capacity_cups=1/2"),
                B("Breville", 12, 0.9, "Barista Express|@noun=Espresso Machine;capacity_cups=1/2", "Bambino Plus|@noun=Espresso Machine;capacity_cups=1/2", "Precision Brewer|capacity_cups=12"),
                B("Nespresso", 11, 0.6, "Vertuo Next|@noun=Coffee and Espresso Machine;capacity_cups=1", "Essenza Mini|@noun=Espresso Machine;capacity_cups=1", "Lattissima One|@noun=Espresso Machine;capacity_cups=1"),
                B("De'Longhi", 8, 0.75, "Dedica EC685|@noun=Espresso Machine;capacity_cups=1/2", "Magnifica Evo|@noun=Espresso Machine;capacity_cups=1/2"),
                B("Hamilton Beach", 10, 0.05, "FlexBrew|@noun=Single Serve Coffee Maker;capacity_cups=1", "12-Cup Programmable|capacity_cups=12", "BrewStation|capacity_cups=12"),
            ],
            [
                A(AttributeKeys.CapacityCups, 0.3, "1*2", "2", "4", "5", "8", "10", "12*3", "14"),
                A(AttributeKeys.Color, 0, "Black*4", "Stainless Steel*3", "White", "Red"),
            ],
            ["Programmable 24-hour brew timer.", "Keeps coffee hot for up to 4 hours.", "Brew-strength control for bolder coffee.", "Removable water reservoir.", "Milk frother for lattes and cappuccinos.", "Auto shut-off for peace of mind."],
            Kitchen: true),

        new("vacuum", "vacuums", "Vacuum", 260, 79m, 999m,
            ["vacuum cleaner", "robot vacuum", "stick vacuum", "cordless vacuum", "hoover", "roomba", "robovac"],
            [
                B("Shark", 24, 0.35, "Navigator Lift-Away|@noun=Upright Vacuum;wireless=false", "Stratos Cordless|@noun=Cordless Stick Vacuum;wireless=true", "AI Ultra|@noun=Robot Vacuum;wireless=true"),
                B("Dyson", 18, 0.9, "V15 Detect|@noun=Cordless Stick Vacuum;wireless=true", "V8 Absolute|@noun=Cordless Stick Vacuum;wireless=true", "Ball Animal 3|@noun=Upright Vacuum;wireless=false"),
                B("iRobot", 15, 0.6, "Roomba j7+|@noun=Robot Vacuum;wireless=true", "Roomba Combo i5|@noun=Robot Vacuum and Mop;wireless=true", "Roomba 694|@noun=Robot Vacuum;wireless=true"),
                B("Bissell", 14, 0.1, "CleanView Swivel|@noun=Upright Vacuum;wireless=false", "ICONpet|@noun=Cordless Stick Vacuum;wireless=true", "Little Green|@noun=Portable Carpet Cleaner;wireless=false"),
                B("Hoover", 10, 0.1, "MAXLife Pro|@noun=Upright Vacuum;wireless=false", "ONEPWR Evolve|@noun=Cordless Stick Vacuum;wireless=true"),
                B("Eufy", 10, 0.3, "RoboVac 11S|@noun=Robot Vacuum;wireless=true", "X10 Pro Omni|@noun=Robot Vacuum and Mop;wireless=true"),
                B("Roborock", 9, 0.65, "Q7 Max|@noun=Robot Vacuum;wireless=true", "S8 MaxV Ultra|@noun=Robot Vacuum and Mop;wireless=true"),
            ],
            [
                A(AttributeKeys.Wireless, 0.3, "false*2", "true*3"),
                A(AttributeKeys.BatteryHours, 0.2, "0.5", "1*2", "1.5", "2", "3").When(AttributeKeys.Wireless, "true"),
                A(AttributeKeys.Color, 0, "Gray*3", "Black*3", "Purple", "White", "Blue"),
            ],
            ["HEPA filtration traps dust and allergens.", "Anti-hair-wrap brush roll, great for pet hair.", "Converts to a handheld vacuum.", "Maps your home and cleans by room.", "Self-emptying base holds 60 days of debris.", "Works on carpet and hard floors."]),

        new("blender", "blenders", "Blender", 220, 29m, 699m,
            ["smoothie blender", "personal blender", "countertop blender", "food processor blender"],
            [
                B("Ninja", 24, 0.35, "Professional Plus BN701|capacity_cups=9", "Fit QB3001SS|@noun=Personal Blender;capacity_cups=2", "Foodi Power Blender|capacity_cups=9"),
                B("Vitamix", 16, 0.95, "E310 Explorian|capacity_cups=6", "5200 Classic|capacity_cups=8", "A3500 Ascent|capacity_cups=8"),
                B("NutriBullet", 16, 0.15, "Pro 900|@noun=Personal Blender;capacity_cups=3", "Full-Size Blender|capacity_cups=8", "Ultra|@noun=Personal Blender;capacity_cups=4"),
                B("KitchenAid", 12, 0.6, "K150|capacity_cups=7", "K400 Variable Speed|capacity_cups=7"),
                B("Hamilton Beach", 12, 0.0, "Power Elite|capacity_cups=5", "Wave Crusher|capacity_cups=5"),
                B("Oster", 12, 0.1, "Pro 1200|capacity_cups=6", "Classic Series|capacity_cups=5"),
                B("Blendtec", 8, 0.85, "Classic 575|capacity_cups=4", "Total Classic Original|capacity_cups=4"),
            ],
            [
                A(AttributeKeys.CapacityCups, 0.2, "2", "3", "4", "5", "6", "7", "8", "9"),
                A(AttributeKeys.Color, 0, "Black*4", "Silver*2", "Red", "White", "Empire Red"),
            ],
            ["Crushes ice and frozen fruit in seconds.", "Dishwasher-safe jar and blades.", "Preset programs for smoothies, soups and frozen desserts.", "BPA-free pitcher.", "Variable speed control with pulse."],
            Kitchen: true),

        new("air_fryer", "air fryers", "Air Fryer", 220, 39m, 299m,
            ["airfryer", "air fryer oven", "air-fryer", "convection fryer"],
            [
                B("Ninja", 25, 0.6, "Foodi DualZone|capacity_quarts=8/10", "AF101|capacity_quarts=4", "Crispi|capacity_quarts=4/6"),
                B("Cosori", 20, 0.35, "Pro LE|capacity_quarts=5", "TurboBlaze|capacity_quarts=6", "Dual Blaze|capacity_quarts=6"),
                B("Instant", 18, 0.3, "Vortex Plus|capacity_quarts=6", "Vortex Slim|capacity_quarts=6", "Vortex Mini|capacity_quarts=2"),
                B("Philips", 12, 0.75, "Premium XXL|capacity_quarts=7", "Essential Airfryer|capacity_quarts=4"),
                B("Chefman", 13, 0.05, "TurboFry Touch|capacity_quarts=5/8", "TurboFry Compact|capacity_quarts=2"),
                B("Gourmia", 12, 0.05, "GAF686|capacity_quarts=6", "FoodStation 2-Basket|capacity_quarts=8"),
            ],
            [
                A(AttributeKeys.CapacityQuarts, 0.5, "2", "4", "5*2", "6*3", "8", "10"),
                A(AttributeKeys.Color, 0, "Black*5", "Stainless Steel*2", "White", "Gray"),
            ],
            ["Crispy results with up to 95% less oil.", "Nonstick, dishwasher-safe basket.", "One-touch presets for fries, chicken, fish and reheating.", "Shake reminder for even cooking.", "Also roasts, bakes and dehydrates."],
            Kitchen: true),

        new("office_chair", "office chairs", "Office Chair", 200, 79m, 1899m,
            ["desk chair", "ergonomic chair", "computer chair", "gaming chair", "task chair", "work chair"],
            [
                B("Herman Miller", 14, 1.0, "Aeron|material=mesh", "Embody|material=fabric", "Sayl|material=mesh"),
                B("Steelcase", 13, 0.9, "Leap V2|material=fabric", "Series 2|material=mesh/fabric", "Gesture|material=fabric/leather"),
                B("HON", 14, 0.35, "Ignition 2.0|material=mesh/fabric", "Convergence|material=mesh"),
                B("Branch", 10, 0.5, "Ergonomic Chair|material=mesh/fabric", "Verve Chair|material=fabric"),
                B("Autonomous", 9, 0.4, "ErgoChair Pro|material=mesh", "ErgoChair Core|material=mesh"),
                B("Amazon Basics", 20, 0.0, "Mid-Back Mesh Chair|material=mesh", "Classic Puresoft Executive Chair|material=leather", "Low-Back Task Chair|material=fabric"),
                B("Flash Furniture", 20, 0.0, "Mid-Back Mesh Swivel|material=mesh", "High Back Executive|material=leather", "Gaming Chair|@noun=Gaming Chair;material=leather"),
            ],
            [
                A(AttributeKeys.Material, 0.3, "fabric*2", "mesh*3", "leather*2"),
                A(AttributeKeys.Color, 0, "Black*6", "Gray*2", "White", "Blue"),
            ],
            ["Adjustable lumbar support.", "4D armrests and seat depth adjustment.", "Supports up to 300 pounds.", "Tilt lock and tension control.", "Smooth-rolling casters for hard floors and carpet.", "12-year warranty."]),
    ];
}
