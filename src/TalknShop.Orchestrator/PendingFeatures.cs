namespace TalknShop.Orchestrator;

// Placeholders until the catalog and understanding branches are merged (they bring the real
// AddCatalog and AddUnderstanding); deleted at that merge.
internal static class PendingFeatures
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder) => builder;
}
