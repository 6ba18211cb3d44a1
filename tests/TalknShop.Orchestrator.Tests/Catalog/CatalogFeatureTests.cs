using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class CatalogFeatureTests
{
    [Fact]
    public async Task AddCatalog_StartedHost_ServesSearchRankingTaxonomyAndHealthyCheck()
    {
        using var host = Build(new Dictionary<string, string?> { ["SEARCH_TOP_N"] = "3", ["SEARCH_CANDIDATE_LIMIT"] = "50" });
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<CatalogOptions>>().Value;
        var outcome = await host.Services.GetRequiredService<IMarketplaceSearch>().SearchAsync(new() { ProductType = "tv" }, CancellationToken.None);
        var ranked = host.Services.GetRequiredService<IProductRanker>().Rank(new() { ProductType = "tv" }, outcome.Products, options.TopN);
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(50, outcome.Products.Count);
        Assert.Equal(3, ranked.Count);
        Assert.Equal(5, options.SourceTimeoutSeconds);
        Assert.Equal("builtin", Assert.Single(host.Services.GetServices<IProductSource>()).Name);
        Assert.Equal(22, host.Services.GetRequiredService<ICatalogTaxonomy>().ProductTypes.Count);
        Assert.Equal(HealthStatus.Healthy, health.Entries["catalog"].Status);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("SEARCH_TOP_N", "0")]
    [InlineData("SEARCH_SOURCE_TIMEOUT_SECONDS", "-1")]
    [InlineData("SEARCH_CANDIDATE_LIMIT", "0")]
    public async Task AddCatalog_InvalidSetting_FailsAtStart(string key, string value)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddCatalog();
        return builder.Build();
    }
}
