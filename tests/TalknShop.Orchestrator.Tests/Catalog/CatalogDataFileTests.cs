using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Tests.Catalog.Generation;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class CatalogDataFileTests
{
    private static readonly string[] ImageSuffixes = [".jpg", ".jpeg", ".png", ".webp", ".gif"];

    /// <summary>
    /// Fails when the embedded data file is not what the generator produces. After changing the
    /// vocabulary or generator, run with REGENERATE_CATALOG=1 to rewrite the file, then rebuild.
    /// </summary>
    [Fact]
    public void GeneratedCatalog_MatchesCheckedInFile()
    {
        var generated = CatalogFile.ToJsonLines(CatalogGenerator.Generate());

        if (Environment.GetEnvironmentVariable("REGENERATE_CATALOG") == "1")
        {
            File.WriteAllBytes(Path.Combine(RepositoryRoot(), CatalogFile.SourceRelativePath), CatalogFile.Compress(generated));
        }

        var embedded = CatalogFile.Decompress(CatalogFile.ReadEmbedded());
        Assert.True(generated.AsSpan().SequenceEqual(embedded),
            "The embedded catalog differs from the generator's output; run the tests with REGENERATE_CATALOG=1 and rebuild.");
    }

    [Fact]
    public void Generate_SameSeedTwice_ProducesIdenticalOutput()
    {
        var first = CatalogFile.ToJsonLines(CatalogGenerator.Generate(seed: 7));
        var second = CatalogFile.ToJsonLines(CatalogGenerator.Generate(seed: 7));

        Assert.Equal(first, second);
        Assert.NotEqual(first, CatalogFile.ToJsonLines(CatalogGenerator.Generate(seed: 8)));
    }

    [Fact]
    public void EmbeddedFile_IsSmallAndLarge_Enough()
    {
        var compressed = CatalogFile.ReadEmbedded();
        var entries = CatalogFile.Parse(compressed);

        Assert.True(compressed.Length < 2 * 1024 * 1024, $"Data file is {compressed.Length} bytes.");
        Assert.True(entries.Count >= 5000, $"Only {entries.Count} products.");
        Assert.True(entries.Select(e => e.ProductType).Distinct().Count() >= 20);
        Assert.Equal(entries.Count, entries.Select(e => e.ProductId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(entries.Count, entries.Select(e => e.Marketplace + "|" + ProductKeys.NormalizeTitle(e.Title)).Distinct().Count());
    }

    [Fact]
    public void EmbeddedFile_EveryProduct_HasSaneFields()
    {
        var entries = CatalogFile.Parse(CatalogFile.ReadEmbedded());

        foreach (var e in entries)
        {
            Assert.Contains(e.Marketplace, Marketplaces.All);
            Assert.Contains(e.Condition, Conditions.All);
            Assert.Contains(e.Availability, (string[])["in_stock", "limited_stock", "out_of_stock"]);
            Assert.False(string.IsNullOrWhiteSpace(e.Title));
            Assert.False(string.IsNullOrWhiteSpace(e.Description));
            Assert.False(string.IsNullOrWhiteSpace(e.Brand));
            Assert.False(string.IsNullOrWhiteSpace(e.SellerName));
            Assert.False(string.IsNullOrWhiteSpace(e.ShippingInfo));
            Assert.Equal("USD", e.Currency);
            Assert.True(e.Price is null or > 0m and < 10_000m, $"{e.ProductId} price {e.Price}");
            Assert.True(e.Rating is null ? e.ReviewCount == 0 : e.Rating is >= 2.5 and <= 5.0 && e.ReviewCount > 0, e.ProductId);
            foreach (var link in (string[])[e.DeepLink, e.MarketplaceUrl])
            {
                Assert.StartsWith("https://", link, StringComparison.Ordinal);
                Assert.DoesNotContain(ImageSuffixes, s => link.EndsWith(s, StringComparison.OrdinalIgnoreCase));
            }

            Assert.StartsWith("/catalog/images/", e.ImageUrl, StringComparison.Ordinal);
            Assert.True(e.Marketplace != "kroger" || e.ProductType is "coffee_maker" or "blender" or "air_fryer", e.ProductId);
        }

        Assert.InRange(entries.Count(e => e.Price is null), 1, entries.Count / 20);
        Assert.True(entries.Count(e => e.Condition == "new") > entries.Count * 0.7);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalknShop.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
