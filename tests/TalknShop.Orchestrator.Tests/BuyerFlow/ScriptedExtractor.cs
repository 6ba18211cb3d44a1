using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Tests.BuyerFlow;

/// <summary>
/// The offline extractor, except for a few scripted messages whose spec the test fixes: the fields
/// the understanding layer sets (intent, unsupported item, comparison sides) are read by the flow,
/// and these tests check the flow, not the extraction.
/// </summary>
internal sealed class ScriptedExtractor(OfflineRequirementExtractor offline, IReadOnlyDictionary<string, RequirementSpec> scripted) : IRequirementExtractor
{
    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken) =>
        scripted.TryGetValue(request.LatestUserText, out var spec)
            ? Task.FromResult(new ExtractionResult(spec, IsNewSearch: true))
            : offline.ExtractAsync(request, cancellationToken);

    public static Action<IServiceCollection> Install(IReadOnlyDictionary<string, RequirementSpec> scripted) => services =>
    {
        services.RemoveAll<IRequirementExtractor>();
        services.TryAddSingleton<OfflineRequirementExtractor>();
        services.AddSingleton<IRequirementExtractor>(sp => new ScriptedExtractor(sp.GetRequiredService<OfflineRequirementExtractor>(), scripted));
    };
}
