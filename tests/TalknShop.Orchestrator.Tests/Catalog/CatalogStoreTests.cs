using Microsoft.Extensions.Diagnostics.HealthChecks;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class CatalogStoreTests
{
    [Fact]
    public async Task HealthCheck_BeforeAndAfterLoad_GoesFromDegradedToHealthy()
    {
        using var store = new CatalogStore(null, TimeProvider.System, () => [Listing("1"), Listing("2")]);
        var check = new CatalogHealthCheck(store);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        _ = store.Catalog;
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, before.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(2, after.Data["products"]);
    }

    [Fact]
    public async Task HealthCheck_LoadFailed_IsUnhealthyWithoutExceptionText()
    {
        using var store = new CatalogStore(null, TimeProvider.System, () => throw new InvalidDataException("secret detail"));
        var check = new CatalogHealthCheck(store);

        Assert.Throws<InvalidDataException>(() => store.Catalog);
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("secret", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_ConcurrentFirstUseAndSearches_LoadOnceAndAgree()
    {
        var loads = 0;
        using var store = new CatalogStore(null, TimeProvider.System, () =>
        {
            Interlocked.Increment(ref loads);
            return [.. TestCatalog.Store.Catalog.Products];
        });
        var source = new TalknShop.Orchestrator.Catalog.Search.BuiltInCatalogSource(
            store, Microsoft.Extensions.Logging.Abstractions.NullLogger<TalknShop.Orchestrator.Catalog.Search.BuiltInCatalogSource>.Instance, TimeProvider.System);
        var spec = new RequirementSpec { ProductType = "tv", Price = new(null, 900m), Keywords = "4k" };

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => source.SearchAsync(spec, 50, CancellationToken.None))));

        Assert.Equal(1, loads);
        var expected = results[0].Products.Select(p => p.ProductId).ToList();
        Assert.NotEmpty(expected);
        Assert.All(results, r => Assert.Equal(expected, r.Products.Select(p => p.ProductId)));
    }

    private static Product Listing(string id) => new() { ProductId = id, Marketplace = "amazon", Title = $"Item {id}", ProductType = "mouse", Brand = "Logitech", Price = 10m };
}
