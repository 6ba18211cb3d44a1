using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class UnderstandingFeatureTests
{
    [Fact]
    public void AddUnderstanding_WithTaxonomy_ResolvesOfflineSingletons()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<ICatalogTaxonomy>(ExtractorHarness.Taxonomy);

        builder.AddUnderstanding();
        using var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<OfflineRequirementExtractor>(provider.GetRequiredService<IRequirementExtractor>());
        Assert.IsType<OfflineClarificationPolicy>(provider.GetRequiredService<IClarificationPolicy>());
        Assert.IsType<OfflineAnswerComposer>(provider.GetRequiredService<IAnswerComposer>());
        Assert.Same(provider.GetRequiredService<IRequirementExtractor>(), provider.GetRequiredService<IRequirementExtractor>());
    }

    [Fact]
    public void AddUnderstanding_ImplementationRegisteredEarlier_KeepsIt()
    {
        var builder = Host.CreateApplicationBuilder();
        var earlier = new OfflineAnswerComposer(ExtractorHarness.Taxonomy);
        builder.Services.AddSingleton<ICatalogTaxonomy>(ExtractorHarness.Taxonomy);
        builder.Services.AddSingleton<IAnswerComposer>(earlier);

        builder.AddUnderstanding();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Same(earlier, provider.GetRequiredService<IAnswerComposer>());
    }
}
