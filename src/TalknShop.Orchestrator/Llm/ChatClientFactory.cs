using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Bedrock;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Builds the provider's <see cref="IChatClient"/>. The SDKs' own retries are off: retrying is
/// decided by <see cref="LlmCalls"/>, which knows whether streaming already began.
/// </summary>
internal static class ChatClientFactory
{
    public static IChatClient Create(LlmOptions options, IServiceProvider services) => options.NormalizedProvider switch
    {
        LlmOptions.Anthropic => CreateAnthropic(options),
        LlmOptions.Bedrock => CreateBedrock(options, services.GetRequiredService<BedrockCredentials>()),
        LlmOptions.OpenAI => CreateOpenAI(options),
        _ => throw new InvalidOperationException($"No chat client for LLM_PROVIDER={options.Provider}."),
    };

    private static IChatClient CreateAnthropic(LlmOptions options)
    {
        IAnthropicClient client = new AnthropicClient(new ClientOptions
        {
            ApiKey = options.AnthropicApiKey,
            MaxRetries = 0,
            Timeout = SdkTimeout(options),
        });
        if (options.AnthropicBaseUrl is { Length: > 0 } baseUrl)
        {
            client = client.WithOptions(o => o with { BaseUrl = baseUrl.TrimEnd('/') });
        }

        return client.AsIChatClient(options.AnthropicModel, options.MaxOutputTokens);
    }

    private static IChatClient CreateBedrock(LlmOptions options, BedrockCredentials credentials)
    {
        var client = new AnthropicBedrockClient(credentials).WithOptions(o => o with
        {
            Handlers = [new BedrockVersionHandler(options.BedrockAnthropicVersion)],
            MaxRetries = 0,
            Timeout = SdkTimeout(options),
            BaseUrl = options.BedrockEndpointUrl is { Length: > 0 } endpoint ? endpoint.TrimEnd('/') : o.BaseUrl,
        });
        return client.AsIChatClient(options.BedrockModelId.Trim(), options.MaxOutputTokens);
    }

    private static IChatClient CreateOpenAI(LlmOptions options)
    {
        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(options.OpenAIApiKey) ? "unused" : options.OpenAIApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(options.OpenAIBaseUrl!),
                NetworkTimeout = SdkTimeout(options),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });
        return client.GetChatClient(options.OpenAIModel).AsIChatClient();
    }

    // Our own per-call timeout (LlmCalls) is the one that counts; the SDK's is a backstop.
    private static TimeSpan SdkTimeout(LlmOptions options) => options.Timeout + TimeSpan.FromSeconds(5);

    /// <summary>
    /// Anthropic.Bedrock copies the Anthropic SDK's <c>anthropic-version</c> header into the body's
    /// <c>anthropic_version</c>, which older models refuse with 400; AWS documents
    /// <c>bedrock-2023-05-31</c>. Set here, before the SDK rewrites and signs the request.
    /// </summary>
    private sealed class BedrockVersionHandler(string version) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("anthropic-version");
            request.Headers.TryAddWithoutValidation("anthropic-version", version);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
