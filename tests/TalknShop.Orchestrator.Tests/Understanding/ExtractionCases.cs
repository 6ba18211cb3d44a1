namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>
/// The extraction table: one request per line, columns separated by <c>|</c>:
/// text | product type | price | preferred brands | excluded brands | attributes | min rating | condition.
/// Price: <c>..1000</c> (max), <c>500..</c> (min), <c>200..300</c>, <c>cheapest</c> (no amount, the <c>budget</c> qualifier),
/// empty for none. Attributes: <c>key>=n</c>, <c>key&lt;=n</c>, <c>key=value</c>, <c>key~text</c> (contains),
/// <c>key</c> (flag on), <c>!key</c> (flag off). Empty columns may be left off at the end.
/// </summary>
internal static class ExtractionCases
{
    public const string Table = """
        I need a laptop under $1000 with 16GB RAM | laptop | ..1000 | | | ram_gb>=16
        looking for a notebook below 500 dollars | laptop | ..500
        show me some earbuds less than 300 | headphones | ..300
        sneakers between $200 and $300 | shoes | 200..300
        phone $200-300 | phone | 200..300
        a tablet $200 to $300 | tablet | 200..300
        wireless mouse around 50 bucks | mouse | 40..60 | | | wireless
        gaming laptop max 1.2k | laptop | ..1200
        TVs up to 2k | tv | ..2000
        headphones over $500 | headphones | 500..
        a camera, at least $500 | camera | 500..
        cheap headphones | headphones | cheapest
        budget laptop for college | laptop | cheapest
        affordable office chair | office_chair | cheapest
        Dell laptop with 16GB RAM and 512GB SSD under $1200 | laptop | ..1200 | Dell | | ram_gb>=16; storage_gb>=512
        55 inch Samsung TV | tv | | Samsung | | screen_inches=55
        a 4K TV at least 65-inch, no Sony | tv | | | Sony | resolution=4k; screen_inches>=65
        noise cancelling headphones from Sony or Bose | headphones | | Sony, Bose | | noise_cancelling
        laptop but no Apple | laptop | | | Apple
        phone, not Samsung, under 600 | phone | ..600 | | Samsung
        monitor except Dell | monitor | | | Dell
        anything but Sony headphones | headphones | | | Sony
        a laptop without Apple, 1TB storage | laptop | | | Apple | storage_gb>=1024
        only Samsung phones | phone | | Samsung
        a red Nike running shoe, size 10 | shoes | | Nike | | color=red; shoe_type=running; size=10
        women's trail running shoes size 8.5 from Hoka | shoes | | Hoka | | gender=women; shoe_type=trail; size=8.5
        men's Adidas sneakers in white, size 11 | shoes | | Adidas | | gender=men; color=white; size=11
        12 cup coffee maker under 100 | coffee_maker | ..100 | | | capacity_cups=12
        espresso machine from Breville | coffee_maker | | Breville
        robot vacuum under $300 | vacuum | ..300
        cordless vacuum cleaner, Dyson or Shark | vacuum | | Dyson, Shark | | wireless
        a 144hz gaming monitor 27 inch | monitor | | | | refresh_hz>=144; screen_inches=27
        27" 1440p monitor under $400 | monitor | ..400 | | | screen_inches=27; resolution=1440p
        mirrorless camera with at least 24MP | camera | | | | megapixels>=24
        GoPro action camera, waterproof | camera | | GoPro | | water_resistant
        smartwatch with at least 18 hours battery life | smartwatch | | | | battery_hours>=18
        Garmin smart watch, water resistant | smartwatch | | Garmin | | water_resistant
        bluetooth speaker waterproof under 100 | speaker | ..100 | | | wireless; water_resistant
        mechanical keyboard, wireless, Keychron | keyboard | | Keychron | | wireless
        a wired gaming mouse from Razer | mouse | | Razer | | !wireless
        laser printer for home office, HP | printer | | HP
        wifi router under $150 | router | ..150
        mesh router from Eero | router | | Eero
        PS5 | game_console | | Sony
        xbox under 500 | game_console | ..500 | Microsoft
        Nintendo Switch for my son | game_console | | Nintendo
        black backpack for school with a laptop sleeve | backpack | | | | color=black
        waterproof backpack from The North Face | backpack | | The North Face | | water_resistant
        Vitamix blender | blender | | Vitamix
        a blender under $100, highly rated | blender | ..100 | | | | 4
        air fryer 6 quart | air_fryer | | | | capacity_quarts=6
        Ninja air fryer around $100 | air_fryer | 80..120 | Ninja
        men's waterproof jacket size L | jacket | | | | gender=men; water_resistant; size=L
        women's Patagonia down jacket in medium | jacket | | Patagonia | | gender=women; material=down; size=M
        ergonomic office chair under $500 | office_chair | ..500
        desk chair, leather, Herman Miller | office_chair | | Herman Miller | | material=leather
        refurbished MacBook Air 8GB | laptop | | Apple | | ram_gb>=8 | | refurbished
        used iPhone under 400 | phone | ..400 | Apple | | | | used
        open box TV 65 inch | tv | | | | screen_inches=65 | | like_new
        like new Samsung Galaxy phone 256GB | phone | | Samsung | | storage_gb>=256 | | like_new
        brand new laptop 4 stars and up | laptop | | | | | 4 | new
        headphones with at least 4.5 stars | headphones | | | | | 4.5
        top rated robot vacuum | vacuum | | | | | 4
        Lenovo ThinkPad with i7 and 32 gigs of ram | laptop | | Lenovo | | processor~i7; ram_gb>=32
        laptop with at least 16GB, 15.6 inch | laptop | | | | ram_gb>=16; screen_inches=15.6
        MacBook Pro M3 with 1TB | laptop | | Apple | | processor~m3; storage_gb>=1024
        a phone with a good camera, at least 48MP, under $700 | phone | ..700 | | | megapixels>=48
        Google Pixel phone rated 4 or higher | phone | | Google | | | 4
        I'd like a tv for around 800, LG or Sony | tv | 640..960 | LG, Sony
        OLED TV from LG 65" | tv | | LG | | screen_inches=65
        Sony noise-cancelling wireless earbuds under 250 | headphones | ..250 | Sony | | noise_cancelling; wireless
        AirPods | headphones | | Apple
        JBL speaker $50-$100 | speaker | 50..100 | JBL
        need a new monitor, 32 inch 4K, no Samsung or LG | monitor | | | Samsung, LG | screen_inches=32; resolution=4k
        Canon printer that's wireless under $200 | printer | ..200 | Canon | | wireless
        laptops under 2 grand | laptop | ..2000
        Asus gaming laptop 165hz 1TB SSD under 1800 | laptop | ..1800 | ASUS | | refresh_hz>=165; storage_gb>=1024
        Chromebook for my daughter, cheap | laptop | cheapest
        Brooks running shoes size 9.5 4 stars and up | shoes | | Brooks | | shoe_type=running; size=9.5 | 4
        smart tv 50 inch between 300 and 500 | tv | 300..500 | | | screen_inches=50
        Bose headphones, 500 or less | headphones | ..500 | Bose
        phone 128GB in blue | phone | | | | storage_gb>=128; color=blue
        coffee machine, 150 max | coffee_maker | ..150
        a tablet for drawing, 11 inch, 500ish | tablet | 400..600 | | | screen_inches=11
        headset for gaming with at least 20 hours of battery | headphones | | | | battery_hours>=20
        I want a Microsoft Surface laptop, refurbished is fine | laptop | | Microsoft | | | | refurbished
        an iPad under $400 | tablet | ..400 | Apple
        smartphones over $800 except Apple | phone | 800.. | | Apple
        4 star and above rated trainers for women | shoes | | | | gender=women | 4
        laptop from $800 to $1200 with a 14 inch screen | laptop | 800..1200 | | | screen_inches=14
        show me Dell or HP monitors, 24 inch | monitor | | Dell, HP | | screen_inches=24
        anything but Apple for a smartwatch under 300 | smartwatch | ..300 | | Apple
        television 75 inch 120hz under 2000 | tv | ..2000 | | | screen_inches=75; refresh_hz>=120
        a cell phone with 8GB RAM, not Motorola | phone | | | Motorola | ram_gb>=8
        HP laptop with 8 gb ram and 256gb ssd, less than $600 | laptop | ..600 | HP | | ram_gb>=8; storage_gb>=256
        kids sneakers size 3 from New Balance | shoes | | New Balance | | gender=kids; size=3
        I want a good pair of headphones | headphones
        do you have any air fryers? | air_fryer
        show me keyboards | keyboard
        need an hp printer, wireless | printer | | HP | | wireless
        running shoes, no Nike or Adidas | shoes | | | Nike, Adidas | shoe_type=running
        only Apple laptops under 1500 | laptop | ..1500 | Apple
        my budget is $250 for a vacuum | vacuum | ..250
        looking for a gray hoodie... no wait, a grey rain jacket in size M | jacket | | | | color=gray; size=M
        Samsung Galaxy tablet with 128GB, refurbished, at least 4 stars | tablet | | Samsung | | storage_gb>=128 | 4 | refurbished
        monitor for my MacBook, 27 inch 4K under $500 | monitor | ..500 | | | screen_inches=27; resolution=4k
        men's North Face puffer jacket XL | jacket | | The North Face | | gender=men; size=XL
        a phone that isn't an iPhone, 200 to 400 bucks | phone | 200..400 | | Apple
        nothing over 1500 for a 75" Samsung or LG TV | tv | ..1500 | Samsung, LG | | screen_inches=75
        robot vacuum under two hundred dollars | vacuum | ..200
        Philips air fryer 4.5 qt black | air_fryer | | Philips | | capacity_quarts=4.5; color=black
        wireless gaming mouse, Logitech or Razer, 4 stars minimum | mouse | | Logitech, Razer | | wireless | 4
        """;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var line in Lines())
        {
            data.Add(line);
        }

        return data;
    }

    public static IEnumerable<string> Lines() =>
        Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
