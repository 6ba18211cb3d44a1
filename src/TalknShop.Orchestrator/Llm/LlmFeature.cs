using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// The language model behind <see cref="IChatClient"/> (Claude on Bedrock, the Anthropic API, or an
/// OpenAI-compatible server), the calls to it (<see cref="LlmCalls"/>) and its health. Which
/// provider is used is read from the validated <see cref="LlmOptions"/> when the client is first
/// resolved, so nothing here depends on registration order or on reading configuration twice.
/// </summary>
internal static class LlmFeature
{
    public static IHostApplicationBuilder AddLlm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddSettings<LlmOptions>();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.AddSingleton<LlmStatus>();
        services.AddHttpClient<LlmHealthCheck>(c => c.Timeout = LlmHealthCheck.ProbeTimeout);
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "llm", sp => sp.GetRequiredService<LlmHealthCheck>(), HealthStatus.Degraded, tags: null));

        services.AddSingleton(sp => BedrockCredentials.Create(Settings(sp)));
        services.AddSingleton(sp =>
        {
            var settings = Settings(sp);
            if (settings.IsOffline)
            {
                throw new InvalidOperationException("LLM_PROVIDER=offline calls no model; the understanding layer uses its built-in implementation.");
            }

            LlmLog.Selected(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmFeature)), settings.NormalizedProvider, settings.ModelId);
            return ChatClientFactory.Create(settings, sp)
                .AsBuilder()
                .Use(inner => new TokenCountingChatClient(inner, sp.GetRequiredService<OrchestratorMetrics>()))
                .UseOpenTelemetry(sourceName: TelemetryNames.Llm)
                .UseLogging()
                .Build(sp);
        });
        services.AddSingleton<LlmCalls>();
        return builder;
    }

    /// <summary>Whether a model is configured (<c>LLM_PROVIDER</c> is not <c>offline</c>).</summary>
    public static bool UsesModel(IServiceProvider services) => !Settings(services).IsOffline;

    private static LlmOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value;

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
