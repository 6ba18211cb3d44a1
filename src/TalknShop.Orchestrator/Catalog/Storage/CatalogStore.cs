using Microsoft.Extensions.Logging.Abstractions;
using TalknShop.Orchestrator.Catalog.Data;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// Owns the one loaded catalog. Loading happens once, on first use or at start-up through
/// <see cref="CatalogWarmup"/>; concurrent first callers wait for the same load.
/// </summary>
internal sealed class CatalogStore : IDisposable
{
    private readonly Lazy<LoadedCatalog> _catalog;

    public CatalogStore(ILogger<CatalogStore> logger, TimeProvider timeProvider)
        : this(logger, timeProvider, () => [.. CatalogFile.Parse(CatalogFile.ReadEmbedded()).Select(e => e.ToProduct())])
    {
    }

    /// <summary>For tests and benchmarks that load their own products.</summary>
    public CatalogStore(ILogger<CatalogStore>? logger, TimeProvider timeProvider, Func<IReadOnlyList<Product>> loadProducts)
    {
        var log = logger ?? NullLogger<CatalogStore>.Instance;
        _catalog = new Lazy<LoadedCatalog>(() => Load(log, timeProvider, loadProducts), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The loaded catalog, loading it first if needed. A failed load throws here every time.</summary>
    public LoadedCatalog Catalog => _catalog.Value;

    public bool IsLoaded => _catalog.IsValueCreated;

    public bool LoadFailed { get; private set; }

    public void Dispose()
    {
        if (_catalog.IsValueCreated)
        {
            _catalog.Value.Dispose();
        }
    }

    private LoadedCatalog Load(ILogger logger, TimeProvider timeProvider, Func<IReadOnlyList<Product>> loadProducts)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var products = loadProducts();
            var catalog = new LoadedCatalog(products);
            catalog.LoadTime = timeProvider.GetElapsedTime(started);
            CatalogLog.CatalogLoaded(logger, products.Count, catalog.LoadTime.TotalMilliseconds);
            return catalog;
        }
        catch (Exception exception)
        {
            LoadFailed = true;
            CatalogLog.CatalogLoadFailed(logger, exception);
            throw;
        }
    }
}
