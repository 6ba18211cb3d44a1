using static TalknShop.Orchestrator.Catalog.Vocabulary.Vocab;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

internal static class ApparelTypes
{
    public static readonly IReadOnlyList<ProductTypeDefinition> All =
    [
        new("shoes", "shoes", "Shoe", 480, 49m, 249m,
            ["shoe", "sneakers", "sneaker", "running shoes", "trainers", "walking shoes", "trail runners", "basketball shoes", "kicks"],
            [
                B("Nike", 24, 0.6, "Pegasus 41|shoe_type=running", "Vomero 18|shoe_type=running", "Air Max 90|shoe_type=casual", "Air Force 1|shoe_type=casual;material=leather", "LeBron XXII|shoe_type=basketball", "Pegasus Trail 5|shoe_type=trail"),
                B("Adidas", 19, 0.5, "Ultraboost 5|shoe_type=running;material=knit", "Samba OG|shoe_type=casual;material=leather", "Terrex Swift R3|shoe_type=trail", "Dame 9|shoe_type=basketball", "Adizero SL2|shoe_type=running"),
                B("New Balance", 14, 0.45, "Fresh Foam X 1080v14|shoe_type=running", "990v6|shoe_type=casual", "574 Core|shoe_type=casual", "Fresh Foam X Hierro v8|shoe_type=trail", "840v5|shoe_type=walking"),
                B("ASICS", 12, 0.45, "Gel-Kayano 31|shoe_type=running", "Gel-Nimbus 26|shoe_type=running", "GT-2000 13|shoe_type=running", "Gel-Trabuco 12|shoe_type=trail", "Gel-Contend 8|shoe_type=walking"),
                B("Brooks", 11, 0.5, "Ghost 16|shoe_type=running", "Adrenaline GTS 24|shoe_type=running", "Glycerin 21|shoe_type=running", "Cascadia 18|shoe_type=trail", "Addiction Walker 2|shoe_type=walking;material=leather"),
                B("Hoka", 11, 0.7, "Clifton 9|shoe_type=running", "Bondi 8|shoe_type=running/walking", "Speedgoat 6|shoe_type=trail", "Transport|shoe_type=walking"),
                B("Saucony", 9, 0.4, "Ride 17|shoe_type=running", "Guide 17|shoe_type=running", "Peregrine 14|shoe_type=trail", "Jazz Original|shoe_type=casual"),
            ],
            [
                A(AttributeKeys.Size, 0, "6", "6.5", "7*2", "7.5*2", "8*3", "8.5*3", "9*4", "9.5*4", "10*4", "10.5*3", "11*3", "11.5*2", "12*2", "13"),
                A(AttributeKeys.ShoeType, 0.2, "walking", "casual", "running*3", "trail", "basketball"),
                A(AttributeKeys.Gender, 0, "men*4", "women*4", "unisex"),
                A(AttributeKeys.Material, 0.2, "synthetic", "mesh*4", "knit*2", "leather"),
                A(AttributeKeys.Color, 0, "Black*4", "White*3", "Gray*2", "Blue*2", "Red", "Pink", "Green"),
            ],
            ["Responsive foam cushioning for everyday miles.", "Breathable upper keeps feet cool.", "Durable rubber outsole for grip on wet roads.", "True to size; wide widths available.", "Reflective details for low-light runs.", "Removable insole fits orthotics."]),

        new("jacket", "jackets", "Jacket", 280, 39m, 899m,
            ["coat", "winter jacket", "rain jacket", "puffer jacket", "parka", "fleece jacket", "raincoat", "windbreaker"],
            [
                B("The North Face", 22, 0.6, "Nuptse 1996|@noun=Puffer Jacket;material=down", "Venture 2|@noun=Rain Jacket;material=nylon;water_resistant=true", "Denali|@noun=Fleece Jacket;material=fleece", "McMurdo Parka|@noun=Parka;material=down;water_resistant=true"),
                B("Patagonia", 17, 0.75, "Down Sweater|@noun=Down Jacket;material=down", "Torrentshell 3L|@noun=Rain Jacket;material=nylon;water_resistant=true", "Better Sweater|@noun=Fleece Jacket;material=fleece", "Nano Puff|@noun=Insulated Jacket;material=polyester"),
                B("Columbia", 24, 0.25, "Watertight II|@noun=Rain Jacket;material=nylon;water_resistant=true", "Steens Mountain|@noun=Fleece Jacket;material=fleece", "Powder Lite|@noun=Puffer Jacket;material=polyester", "Bugaboo II|@noun=Interchange Jacket;material=polyester;water_resistant=true"),
                B("Carhartt", 14, 0.35, "Duck Detroit|@noun=Work Jacket;material=cotton canvas", "Rain Defender|@noun=Jacket;material=nylon;water_resistant=true"),
                B("Arc'teryx", 9, 1.0, "Beta AR|@noun=Shell Jacket;material=nylon;water_resistant=true", "Atom Hoody|@noun=Insulated Jacket;material=polyester", "Cerium Hoody|@noun=Down Jacket;material=down"),
                B("Levi's", 14, 0.1, "Trucker|@noun=Denim Jacket;material=denim;water_resistant=false", "Sherpa Trucker|@noun=Denim Jacket;material=denim;water_resistant=false", "Faux Leather Moto|@noun=Moto Jacket;material=leather"),
            ],
            [
                A(AttributeKeys.Size, 0, "S*2", "M*3", "L*3", "XL*2"),
                A(AttributeKeys.Gender, 0, "men", "women"),
                A(AttributeKeys.Material, 0.3, "polyester*2", "nylon*2", "fleece", "denim", "cotton canvas", "wool", "leather", "down*2"),
                A(AttributeKeys.WaterResistant, 0.2, "false*2", "true"),
                A(AttributeKeys.Color, 0, "Black*5", "Navy*2", "Green*2", "Gray", "Red", "Tan"),
            ],
            ["Adjustable hood and hem.", "Zippered hand pockets.", "Packs into its own pocket.", "Seam-sealed for wet weather.", "Warm without bulk.", "Relaxed fit for layering."]),

        new("backpack", "backpacks", "Backpack", 220, 24m, 299m,
            ["bag", "rucksack", "laptop bag", "laptop backpack", "daypack", "school bag", "hiking backpack"],
            [
                B("JanSport", 22, 0.0, "SuperBreak Plus|@noun=School Backpack", "Big Student|@noun=Backpack", "Right Pack|@noun=Backpack;material=canvas"),
                B("The North Face", 18, 0.45, "Borealis|@noun=Laptop Backpack", "Jester|@noun=School Backpack", "Recon|@noun=Laptop Backpack"),
                B("Osprey", 14, 0.6, "Daylite Plus|@noun=Daypack", "Talon 22|@noun=Hiking Backpack;water_resistant=true", "Atmos AG 65|@noun=Backpacking Pack"),
                B("Herschel", 14, 0.3, "Little America|@noun=Backpack", "Heritage|@noun=Backpack"),
                B("Samsonite", 12, 0.5, "Tectonic Lifestyle|@noun=Laptop Backpack", "Classic Business|@noun=Laptop Backpack;material=nylon"),
                B("Nike", 12, 0.2, "Brasilia 9.5|@noun=Training Backpack;material=polyester", "Elemental|@noun=Backpack;material=polyester"),
                B("Peak Design", 8, 0.95, "Everyday Backpack V2|@noun=Camera Backpack;water_resistant=true", "Travel Backpack 45L|@noun=Travel Backpack;water_resistant=true"),
            ],
            [
                A(AttributeKeys.Material, 0.4, "polyester*4", "nylon*3", "canvas", "leather"),
                A(AttributeKeys.WaterResistant, 0.2, "false*2", "true*2"),
                A(AttributeKeys.Color, 0, "Black*5", "Navy*2", "Gray*2", "Green", "Red", "Pink"),
            ],
            ["Padded sleeve fits most 15-inch laptops.", "Water bottle side pockets.", "Padded, adjustable shoulder straps.", "Lifetime warranty.", "Luggage pass-through for travel.", "Front organizer pocket."]),
    ];
}
