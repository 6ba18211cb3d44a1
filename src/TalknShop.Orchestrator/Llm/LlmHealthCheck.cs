using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Whether the model provider is reachable, without spending tokens: the Anthropic API and
/// OpenAI-compatible servers list their models; for Bedrock the credentials and region are
/// resolved (listing foundation models needs a different service and permission); the latest real
/// call's failure, if recent, outweighs the probe. Degraded, not
/// unhealthy, when it fails: the assistant still answers with its built-in understanding.
/// </summary>
internal sealed class LlmHealthCheck(IOptions<LlmOptions> options, LlmStatus status, HttpClient http, IServiceProvider services) : IHealthCheck
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var data = new Dictionary<string, object> { ["provider"] = settings.NormalizedProvider, ["model"] = settings.ModelId };
        if (!settings.IsOffline && status.RecentFailure is { } failure)
        {
            // Real calls failing outweighs a probe that passes (a models list answers while every
            // call to a retired model id gets 400).
            data["failing_since"] = failure.At;
            return HealthCheckResult.Degraded($"{failure.Reason} (last model call; falling back to the built-in understanding)", data: data);
        }

        switch (settings.NormalizedProvider)
        {
            case LlmOptions.Anthropic:
                var anthropic = new HttpRequestMessage(HttpMethod.Get, Combine(settings.AnthropicBaseUrl ?? Anthropic.Core.EnvironmentUrl.Production, "v1/models?limit=1"));
                anthropic.Headers.Add("x-api-key", settings.AnthropicApiKey);
                anthropic.Headers.Add("anthropic-version", "2023-06-01");
                return await ProbeAsync(anthropic, data, cancellationToken).ConfigureAwait(false);
            case LlmOptions.OpenAI:
                var openai = new HttpRequestMessage(HttpMethod.Get, Combine(settings.OpenAIBaseUrl!, "models"));
                if (!string.IsNullOrWhiteSpace(settings.OpenAIApiKey))
                {
                    openai.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.OpenAIApiKey);
                }

                return await ProbeAsync(openai, data, cancellationToken).ConfigureAwait(false);
            case LlmOptions.Bedrock:
                return await BedrockAsync(data).ConfigureAwait(false);
            default:
                return HealthCheckResult.Healthy("offline model", data);
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(HttpRequestMessage request, Dictionary<string, object> data, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                data["status_code"] = status;
                return status switch
                {
                    >= 200 and < 300 => HealthCheckResult.Healthy("The model provider answers.", data),
                    401 or 403 => HealthCheckResult.Degraded($"The model provider rejected the credentials ({status}).", data: data),
                    _ => HealthCheckResult.Degraded($"The model provider answered {status}.", data: data),
                };
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return HealthCheckResult.Degraded("The model provider did not answer.", data: data);
            }
        }
    }

    private async Task<HealthCheckResult> BedrockAsync(Dictionary<string, object> data)
    {
        try
        {
            var credentials = services.GetRequiredService<BedrockCredentials>();
            data["region"] = credentials.Region;
            data["auth"] = credentials.UsesApiKey ? "api_key" : "sigv4";
            if (!await credentials.CanResolveAsync().ConfigureAwait(false))
            {
                return HealthCheckResult.Degraded("No AWS credentials could be resolved.", data: data);
            }

            return HealthCheckResult.Healthy(credentials.UsesApiKey
                ? "Bedrock is configured with an API key (no model call)."
                : "Bedrock is configured and AWS credentials resolve (no model call).", data);
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonClientException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Bedrock is not usable: no AWS region or credentials.", data: data);
        }
    }

    private static Uri Combine(string baseUrl, string path) => new(new Uri(baseUrl.TrimEnd('/') + "/"), path);
}
