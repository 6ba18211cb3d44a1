using System.Net;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Catalog;

/// <summary>The built-in catalog as a shopper sees its cards: images that load, and listings that could be real.</summary>
public sealed class CatalogRealismTests : IAsyncLifetime
{
    private static readonly List<CatalogEntry> Entries = CatalogFile.Parse(CatalogFile.ReadEmbedded());
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ImageUrl_OfEveryListing_LoadsAnSvgFromTheServiceItself()
    {
        using var http = _host.CreateHttpClient();
        foreach (var path in Entries.Select(e => e.ImageUrl).Distinct(StringComparer.Ordinal))
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var svg = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("<svg xmlns='http://www.w3.org/2000/svg'", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("/catalog/images/kayak/black.svg")]
    [InlineData("/catalog/images/laptop/plaid.svg")]
    public async Task ImageUrl_UnknownTypeOrColour_IsANotFoundProblem(string path)
    {
        using var http = _host.CreateHttpClient();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Ratings_WithManyReviews_AreNeverPerfectNorDismal()
    {
        Assert.All(Entries.Where(e => e.ReviewCount >= 1000), e => Assert.InRange(e.Rating!.Value, 3.8, 4.8));
        Assert.All(Entries.Where(e => e.ReviewCount >= 100), e => Assert.True(e.Rating < 5.0, e.ProductId));
        Assert.Contains(Entries, e => e.ReviewCount >= 1000);
    }

    [Theory]
    [InlineData("laptop", "XPS", "ram_gb", "8")]
    [InlineData("laptop", "MacBook Pro", "storage_gb", "256")]
    [InlineData("laptop", "ThinkPad X1", "processor", "Intel Core i5")]
    [InlineData("phone", "Pro Max", "storage_gb", "64")]
    public void FlagshipLines_AreNeverSoldWithTheCheapestParts(string type, string line, string key, string cheapest)
    {
        var flagships = Entries.Where(e => e.ProductType == type && e.Title.Contains(line, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(flagships);
        Assert.All(flagships, e => Assert.NotEqual(cheapest, e.Attributes.GetValueOrDefault(key)));
    }

    [Fact]
    public void FlagshipLaptops_CostMoreThanTheTypicalLaptop()
    {
        var laptops = Entries.Where(e => e.ProductType == "laptop" && e.Price is not null && e.Condition == "new").ToList();
        var median = laptops.Select(e => e.Price!.Value).Order().ElementAt(laptops.Count / 2);

        var xps = laptops.Where(e => e.Title.Contains("XPS", StringComparison.Ordinal)).Select(e => e.Price!.Value).Order().ToList();

        Assert.True(xps[xps.Count / 2] > median, $"XPS median {xps[xps.Count / 2]} vs all {median}");
    }

    [Fact]
    public void ProductImagesPath_AlwaysNamesAServedImage()
    {
        Assert.Equal("/catalog/images/laptop/space-gray.svg", ProductImages.PathFor("laptop", "Space Gray"));
        Assert.Equal("/catalog/images/coffee-maker/default.svg", ProductImages.PathFor("coffee_maker", null));
    }
}
