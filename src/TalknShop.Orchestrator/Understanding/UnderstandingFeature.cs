using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Understanding;

/// <summary>Registers the understanding layer. Needs <c>ICatalogTaxonomy</c> from the catalog feature.</summary>
public static class UnderstandingFeature
{
    /// <summary>
    /// Adds the offline (rule-based) extractor, clarification policy and answer composer as
    /// singletons. They are defaults: an implementation registered earlier (an LLM-backed one) wins.
    /// </summary>
    public static IHostApplicationBuilder AddUnderstanding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IRequirementExtractor, OfflineRequirementExtractor>();
        builder.Services.TryAddSingleton<IClarificationPolicy, OfflineClarificationPolicy>();
        builder.Services.TryAddSingleton<IAnswerComposer, OfflineAnswerComposer>();
        return builder;
    }
}
