using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog.Generation;

/// <summary>
/// Builds the built-in catalog from the vocabulary, deterministically: the same seed always gives
/// the same listings in the same order. To regenerate the checked-in data file after changing the
/// vocabulary or this generator, run the catalog tests with <c>REGENERATE_CATALOG=1</c>
/// (see <c>CatalogDataFileTests</c>), then rebuild so the new file is embedded.
/// </summary>
internal static class CatalogGenerator
{
    public const ulong DefaultSeed = 20261125;

    private static readonly double[] MarketplaceWeights = [40, 24, 14, 12, 10];

    public static List<CatalogEntry> Generate(ulong seed = DefaultSeed)
    {
        var random = new SeededRandom(seed);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<CatalogEntry>(6000);
        foreach (var type in ProductVocabulary.Types)
        {
            for (var i = 0; i < type.Count; i++)
            {
                entries.Add(NewListing(type, random, ids, titles));
            }
        }

        return entries;
    }

    private static CatalogEntry NewListing(ProductTypeDefinition type, SeededRandom random, HashSet<string> ids, HashSet<string> titles)
    {
        for (var attempt = 0; ; attempt++)
        {
            var draft = ListingDraft.Create(type, random);
            var marketplace = PickMarketplace(type, random);
            var condition = MarketplaceListing.Condition(marketplace, random);
            var title = draft.Title(condition, marketplace) + (attempt < 12 ? "" : $" (Bundle {attempt - 11})");
            if (!titles.Add(marketplace + "|" + ProductKeys.NormalizeTitle(title)))
            {
                continue;
            }

            string id;
            do
            {
                id = MarketplaceListing.NewId(marketplace, random);
            }
            while (!ids.Add(id));

            var price = Price(type, draft, condition, random);
            var unrated = random.Chance(0.02);
            var ratingRoll = random.NextDouble();
            var rating = Math.Clamp(4.8 - (2.3 * ratingRoll * ratingRoll) + (0.2 * random.NextDouble()), 2.5, 5.0);
            var reviewRoll = random.NextDouble();
            var reviews = unrated ? 0 : 1 + (int)(25000 * Math.Pow(reviewRoll, 5));
            var seller = MarketplaceListing.Seller(marketplace, draft.Brand.Name, random);
            return new CatalogEntry
            {
                ProductId = id,
                ProductType = type.Name,
                Brand = draft.Brand.Name,
                Marketplace = marketplace,
                Title = title,
                Description = draft.Description(condition, random),
                Price = random.Chance(0.02) ? null : price,
                Rating = unrated ? null : Math.Round(Plausible(rating, reviews), 1),
                ReviewCount = reviews,
                Condition = condition,
                Availability = random.NextDouble() switch { < 0.88 => "in_stock", < 0.96 => "limited_stock", _ => "out_of_stock" },
                ImageUrl = ProductImages.PathFor(type.Name, draft.Attributes.GetValueOrDefault(AttributeKeys.Color)),
                DeepLink = MarketplaceListing.DeepLink(marketplace, id, title),
                MarketplaceUrl = MarketplaceListing.StorefrontUrl(marketplace, seller, draft.Brand.Name),
                SellerName = seller,
                ShippingInfo = MarketplaceListing.Shipping(marketplace, price, random),
                Attributes = draft.Attributes,
            };
        }
    }

    /// <summary>Many reviews average out: thousands of buyers never agree on 5.0, nor on 2.5 for a product still on sale.</summary>
    private static double Plausible(double rating, int reviews)
    {
        var (low, high) = reviews switch { < 10 => (2.5, 5.0), < 100 => (3.0, 4.9), < 1000 => (3.4, 4.8), _ => (3.8, 4.8) };
        return Math.Clamp(rating, low, high);
    }

    private static string PickMarketplace(ProductTypeDefinition type, SeededRandom random)
    {
        // Kroger is a grocer: it only lists kitchen goods.
        double[] weights = [.. MarketplaceWeights];
        if (!type.Kitchen)
        {
            weights[4] = 0;
        }

        return Marketplaces.All[random.PickWeighted(weights)];
    }

    private static decimal Price(ProductTypeDefinition type, ListingDraft draft, string condition, SeededRandom random)
    {
        var position = (0.45 * draft.Brand.Tier) + (0.4 * draft.PricePosition) + (0.15 * random.NextDouble());
        var min = (double)type.MinPrice;
        var raw = min * Math.Pow((double)type.MaxPrice / min, Math.Clamp(position, 0, 1));
        raw *= condition switch { "refurbished" => 0.8, "like_new" => 0.88, "used" => 0.65, _ => 1.0 };
        raw *= 0.95 + (0.1 * random.NextDouble());

        // Shelf prices end in .99: $849.99 above $100, $24.99 above $20, $9.99 below.
        var cents = raw switch
        {
            >= 100 => ((long)Math.Round(raw / 10) * 1000) - 1,
            >= 20 => ((long)Math.Round(raw) * 100) - 1,
            _ => ((long)Math.Floor(raw) * 100) + 99,
        };
        return Math.Max(cents, 99) / 100m;
    }
}
