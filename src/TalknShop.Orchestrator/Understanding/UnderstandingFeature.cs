using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Understanding.Llm;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Understanding;

/// <summary>Registers the understanding layer. Needs <c>ICatalogTaxonomy</c> (Catalog) and the model calls (<c>AddLlm</c>).</summary>
public static class UnderstandingFeature
{
    /// <summary>
    /// Adds the offline (rule-based) extractor, clarification policy and answer composer and their
    /// model-backed counterparts as singletons. Each interface resolves to the model-backed one
    /// when <c>LLM_PROVIDER</c> names a model, else to the offline one; the choice is made from the
    /// validated settings when first resolved, so the order of the <c>AddX</c> calls does not matter.
    /// An implementation registered afterwards replaces the choice, as usual in DI.
    /// </summary>
    public static IHostApplicationBuilder AddUnderstanding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<OfflineRequirementExtractor>();
        services.AddSingleton<OfflineClarificationPolicy>();
        services.AddSingleton<OfflineAnswerComposer>();
        services.AddSingleton<LlmFallback>();
        services.AddSingleton<LlmRequirementExtractor>();
        services.AddSingleton<LlmClarificationPolicy>();
        services.AddSingleton<LlmAnswerComposer>();
        services.AddSingleton<IRequirementExtractor>(sp => LlmFeature.UsesModel(sp)
            ? sp.GetRequiredService<LlmRequirementExtractor>() : sp.GetRequiredService<OfflineRequirementExtractor>());
        services.AddSingleton<IClarificationPolicy>(sp => LlmFeature.UsesModel(sp)
            ? sp.GetRequiredService<LlmClarificationPolicy>() : sp.GetRequiredService<OfflineClarificationPolicy>());
        services.AddSingleton<IAnswerComposer>(sp => LlmFeature.UsesModel(sp)
            ? sp.GetRequiredService<LlmAnswerComposer>() : sp.GetRequiredService<OfflineAnswerComposer>());
        return builder;
    }
}
