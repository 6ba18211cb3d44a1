using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// Loads the catalog during start-up so the first shopper does not pay for it, and so a broken
/// data file stops the deploy instead of failing the first search.
/// </summary>
internal sealed class CatalogWarmup(CatalogStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => _ = store.Catalog, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
