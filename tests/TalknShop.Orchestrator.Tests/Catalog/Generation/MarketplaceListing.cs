using TalknShop.Orchestrator.Catalog;
using System.Globalization;
using System.Text;

namespace TalknShop.Orchestrator.Tests.Catalog.Generation;

/// <summary>What differs per marketplace: id formats, link shapes, sellers, shipping and conditions.</summary>
internal static class MarketplaceListing
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static readonly string[] AmazonSellers = ["BlueRiver Electronics", "Prime Deals Co", "TechDirect Outlet", "Brightline Home", "Summit Retail"];
    private static readonly string[] WalmartSellers = ["Everyday Tech Supply", "HomeLane Goods", "Gadget Depot US", "Best Value Outlet"];
    private static readonly string[] EbaySellers = ["gadgetgalaxy_usa", "techrecycler", "second_spin_deals", "primo-outlet", "northside_liquidators", "kitchen.kingdom"];

    public static string NewId(string marketplace, SeededRandom random) => marketplace switch
    {
        "amazon" => "B0" + random.Chars(8, Upper),
        "walmart" => (1 + random.Next(9)).ToString(CultureInfo.InvariantCulture) + random.Digits(9),
        "ebay" => (1 + random.Next(4)).ToString(CultureInfo.InvariantCulture) + random.Digits(11),
        "target" => "A-" + (1 + random.Next(9)).ToString(CultureInfo.InvariantCulture) + random.Digits(7),
        _ => "000" + random.Digits(10),
    };

    public static string DeepLink(string marketplace, string id, string title) => marketplace switch
    {
        "amazon" => $"https://www.amazon.com/dp/{id}",
        "walmart" => $"https://www.walmart.com/ip/{Slug(title)}/{id}",
        "ebay" => $"https://www.ebay.com/itm/{id}",
        "target" => $"https://www.target.com/p/{Slug(title)}/-/{id}",
        _ => $"https://www.kroger.com/p/{Slug(title)}/{id}",
    };

    /// <summary>The seller's storefront on the marketplace (a page, never an image).</summary>
    public static string StorefrontUrl(string marketplace, string seller, string brand) => marketplace switch
    {
        "amazon" => $"https://www.amazon.com/sp?seller={(seller == "Amazon.com" ? "ATVPDKIKX0DER" : "A" + StableCode(seller, 13))}",
        "walmart" => $"https://www.walmart.com/seller/{StableNumber(seller)}",
        "ebay" => $"https://www.ebay.com/str/{Slug(seller)}",
        "target" => $"https://www.target.com/b/{Slug(brand)}/-/N-{StableCode(brand, 5).ToLowerInvariant()}",
        _ => $"https://www.kroger.com/search?query={Uri.EscapeDataString(brand)}",
    };

    public static string Seller(string marketplace, string brand, SeededRandom random) => marketplace switch
    {
        "amazon" => random.NextDouble() switch { < 0.55 => "Amazon.com", < 0.8 => brand, _ => random.Pick(AmazonSellers) },
        "walmart" => random.Chance(0.65) ? "Walmart.com" : random.Pick(WalmartSellers),
        "ebay" => random.Pick(EbaySellers),
        "target" => "Target",
        _ => "Kroger",
    };

    public static string Condition(string marketplace, SeededRandom random)
    {
        var roll = random.NextDouble();
        return marketplace switch
        {
            "ebay" => roll switch { < 0.5 => "new", < 0.7 => "used", < 0.85 => "refurbished", _ => "like_new" },
            "amazon" or "walmart" => roll switch { < 0.9 => "new", < 0.96 => "refurbished", < 0.98 => "like_new", _ => "used" },
            _ => "new",
        };
    }

    public static string Shipping(string marketplace, decimal? price, SeededRandom random)
    {
        var cheap = price is null or < 35m;
        var roll = random.Next(3);
        return marketplace switch
        {
            "amazon" => cheap ? "FREE delivery with Prime, or $5.99 shipping" : roll == 0 ? "FREE delivery with Prime" : "FREE shipping",
            "walmart" => roll switch { 0 => "Free pickup today", 1 => cheap ? "Free shipping on orders over $35" : "Free shipping, arrives in 2 days", _ => "Free shipping, arrives in 3+ days" },
            "ebay" => roll switch { 0 => "Free shipping", 1 => "$9.99 shipping", _ => "Free local pickup or $12.50 shipping" },
            "target" => roll switch { 0 => "Order pickup in 2 hours", 1 => "Same Day Delivery", _ => cheap ? "Free shipping on orders over $35" : "Free shipping" },
            _ => roll == 0 ? "Free pickup" : "Delivery in as little as 2 hours",
        };
    }

    public static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().TrimEnd('-');
        return result.Length <= 60 ? result : result[..60].TrimEnd('-');
    }

    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static string StableNumber(string text) => (100000 + (StableHash(text) % 900000)).ToString(CultureInfo.InvariantCulture);

    private static string StableCode(string text, int length)
    {
        var random = new SeededRandom(StableHash(text));
        return random.Chars(length, Upper);
    }
}
