using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Llm;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class UnderstandingFeatureTests
{
    [Fact]
    public void AddUnderstanding_Offline_ResolvesOfflineSingletons()
    {
        using var provider = Build(model: false, llmFirst: true);

        Assert.IsType<OfflineRequirementExtractor>(provider.GetRequiredService<IRequirementExtractor>());
        Assert.IsType<OfflineClarificationPolicy>(provider.GetRequiredService<IClarificationPolicy>());
        Assert.IsType<OfflineAnswerComposer>(provider.GetRequiredService<IAnswerComposer>());
        Assert.Same(provider.GetRequiredService<IRequirementExtractor>(), provider.GetRequiredService<IRequirementExtractor>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddUnderstanding_ModelConfigured_ResolvesModelBackedWhateverTheOrder(bool llmFirst)
    {
        using var provider = Build(model: true, llmFirst);

        Assert.IsType<LlmRequirementExtractor>(provider.GetRequiredService<IRequirementExtractor>());
        Assert.IsType<LlmClarificationPolicy>(provider.GetRequiredService<IClarificationPolicy>());
        Assert.IsType<LlmAnswerComposer>(provider.GetRequiredService<IAnswerComposer>());
    }

    [Fact]
    public void AddUnderstanding_ImplementationRegisteredAfterwards_ReplacesTheChoice()
    {
        var builder = NewBuilder(model: false);
        var later = new OfflineAnswerComposer(ExtractorHarness.Taxonomy);
        builder.AddLlm();
        builder.AddUnderstanding();
        builder.Services.AddSingleton<IAnswerComposer>(later);
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Same(later, provider.GetRequiredService<IAnswerComposer>());
    }

    private static ServiceProvider Build(bool model, bool llmFirst)
    {
        var builder = NewBuilder(model);
        if (llmFirst)
        {
            builder.AddLlm();
            builder.AddUnderstanding();
        }
        else
        {
            builder.AddUnderstanding();
            builder.AddLlm();
        }

        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static HostApplicationBuilder NewBuilder(bool model)
    {
        var builder = Host.CreateApplicationBuilder();
        if (model)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LLM_PROVIDER"] = "anthropic",
                ["ANTHROPIC_API_KEY"] = "test-key",
                ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9",
            });
        }

        builder.AddDiagnostics();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ICatalogTaxonomy>(ExtractorHarness.Taxonomy);
        return builder;
    }
}
