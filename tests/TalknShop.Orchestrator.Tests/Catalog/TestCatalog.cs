using Microsoft.Extensions.Logging.Abstractions;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Search;
using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Tests.Catalog;

/// <summary>One loaded copy of the real embedded catalog for every test in the process.</summary>
internal static class TestCatalog
{
    public static readonly CatalogStore Store = new(NullLogger<CatalogStore>.Instance, TimeProvider.System);

    public static BuiltInCatalogSource Source() =>
        new(Store, NullLogger<BuiltInCatalogSource>.Instance, TimeProvider.System);

    public static async Task<SearchResults> SearchAsync(RequirementSpec spec, int limit = 5000) =>
        await Source().SearchAsync(spec, limit, CancellationToken.None);
}
