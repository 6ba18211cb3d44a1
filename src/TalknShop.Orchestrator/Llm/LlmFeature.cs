using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Llm;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// The language model behind <see cref="IChatClient"/> (Claude on Bedrock, the Anthropic API, or an
/// OpenAI-compatible server) and the model-backed understanding layer. Runs before
/// <c>AddUnderstanding()</c>, whose offline defaults are registered with TryAdd and so stay out.
/// </summary>
internal static class LlmFeature
{
    /// <summary>Telemetry source of the model calls (spans and the GenAI metrics of Microsoft.Extensions.AI).</summary>
    public const string TelemetrySource = "TalknShop.Orchestrator.Llm";

    public static IHostApplicationBuilder AddLlm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<LlmOptions>();
        builder.Services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        builder.Services.AddSingleton<LlmStatus>();
        builder.Services.AddHttpClient(LlmHealthCheck.HttpClientName, c => c.Timeout = LlmHealthCheck.ProbeTimeout);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "llm", sp => ActivatorUtilities.CreateInstance<LlmHealthCheck>(sp), HealthStatus.Degraded, tags: null));

        var options = builder.Configuration.Get<LlmOptions>() ?? new LlmOptions();
        if (options.IsOffline)
        {
            return builder;
        }

        if (options.NormalizedProvider == LlmOptions.Bedrock)
        {
            builder.Services.AddSingleton(sp => BedrockCredentials.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        }

        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            LlmLog.Selected(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmFeature)), settings.NormalizedProvider, settings.ModelId);
            return ChatClientFactory.Create(settings, sp)
                .AsBuilder()
                .Use(inner => new TokenCountingChatClient(inner, sp.GetRequiredService<OrchestratorMetrics>()))
                .UseOpenTelemetry(sourceName: TelemetrySource)
                .UseLogging()
                .Build(sp);
        });

        builder.Services.AddSingleton<LlmCalls>();
        builder.Services.AddSingleton<LlmFallback>();
        builder.Services.AddSingleton<OfflineRequirementExtractor>();
        builder.Services.AddSingleton<OfflineClarificationPolicy>();
        builder.Services.AddSingleton<OfflineAnswerComposer>();
        builder.Services.AddSingleton<IRequirementExtractor, LlmRequirementExtractor>();
        builder.Services.AddSingleton<IClarificationPolicy, LlmClarificationPolicy>();
        builder.Services.AddSingleton<IAnswerComposer, LlmAnswerComposer>();
        return builder;
    }

    /// <summary>Checks settings that depend on each other (a provider and its key), by setting name.</summary>
    private sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
    {
        public ValidateOptionsResult Validate(string? name, LlmOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
