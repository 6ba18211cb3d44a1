using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Catalog.Ranking;
using TalknShop.Orchestrator.Catalog.Search;
using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Taxonomy;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>The built-in catalog, marketplace fan-out and ranking.</summary>
public static class CatalogFeature
{
    /// <summary>
    /// Registers <see cref="ICatalogTaxonomy"/>, the built-in <see cref="IProductSource"/> (more
    /// sources may be added with <c>AddSingleton&lt;IProductSource, …&gt;</c>), <see cref="IMarketplaceSearch"/>,
    /// <see cref="IProductRanker"/>, the start-up warm-up and the <c>catalog</c> health check.
    /// </summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        builder.AddSettings<CatalogOptions>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CatalogStore(sp.GetRequiredService<ILogger<CatalogStore>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICatalogTaxonomy, CatalogTaxonomy>();
        // Read by setting name, not through the Downstream feature's options: Catalog depends on no feature.
        var catalogServiceConfigured = Uri.TryCreate(builder.Configuration["CATALOG_SERVICE_URL"], UriKind.Absolute, out _);
        if ((builder.Configuration.Get<CatalogOptions>() ?? new CatalogOptions()).SearchesBuiltIn(catalogServiceConfigured))
        {
            services.AddSingleton<IProductSource, BuiltInCatalogSource>();
        }

        services.AddSingleton<IMarketplaceSearch, MarketplaceSearch>();
        services.AddSingleton<IProductRanker, ProductRanker>();
        services.AddHostedService<CatalogWarmup>();
        services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog");
        return builder;
    }
}
