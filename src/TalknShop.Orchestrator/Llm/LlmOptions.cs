using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Which language model understands the shopper, and how to reach it. <c>offline</c> (the default)
/// uses the rule-based understanding layer and calls nothing.
/// </summary>
public sealed class LlmOptions : AwsKeyOptions
{
    public const string Offline = "offline";
    public const string Bedrock = "bedrock";
    public const string Anthropic = "anthropic";
    public const string OpenAI = "openai";

    /// <summary><c>offline</c>, <c>bedrock</c>, <c>anthropic</c> or <c>openai</c> (any OpenAI-compatible server).</summary>
    [ConfigurationKeyName("LLM_PROVIDER"), RegularExpression("(?i)^(offline|bedrock|anthropic|openai)$", ErrorMessage = "must be offline, bedrock, anthropic or openai")]
    public string Provider { get; set; } = Offline;

    /// <summary>Region Bedrock is called in when neither <c>AWS_REGION</c> nor the AWS profile names one (the original's default).</summary>
    public const string DefaultRegion = "us-west-2";

    /// <summary>
    /// Model, inference profile id (<c>us.</c>/<c>eu.</c>/<c>apac.</c>/<c>global.</c> prefix) or
    /// inference profile ARN. Current Claude models are served on demand only through inference
    /// profiles; the default is the US profile of Claude Sonnet 4.6 (valid from any US region).
    /// </summary>
    [ConfigurationKeyName("BEDROCK_MODEL_ID")]
    public string BedrockModelId { get; set; } = "us.anthropic.claude-sonnet-4-6";

    /// <summary>
    /// <c>anthropic_version</c> sent in Bedrock request bodies. AWS documents
    /// <c>bedrock-2023-05-31</c>, which every Claude model on Bedrock accepts; newer values are
    /// accepted by newer models only.
    /// </summary>
    [ConfigurationKeyName("BEDROCK_ANTHROPIC_VERSION"), RegularExpression("^bedrock-[0-9]{4}-[0-9]{2}-[0-9]{2}$", ErrorMessage = "must look like bedrock-2023-05-31")]
    public string BedrockAnthropicVersion { get; set; } = "bedrock-2023-05-31";

    /// <summary>A Bedrock API key: sent as a bearer token instead of signing with AWS keys.</summary>
    [ConfigurationKeyName("AWS_BEARER_TOKEN_BEDROCK")]
    public string? BedrockApiKey { get; set; }

    /// <summary>AWS region of Bedrock; unset = the AWS SDK's region chain (profile, instance metadata), then <see cref="DefaultRegion"/>.</summary>
    [ConfigurationKeyName("AWS_REGION")]
    public string? AwsRegion { get; set; }

    /// <summary>Bedrock runtime endpoint override (a VPC endpoint, a local fake).</summary>
    [ConfigurationKeyName("AWS_ENDPOINT_URL_BEDROCK_RUNTIME"), Url]
    public string? BedrockEndpointUrl { get; set; }


    [ConfigurationKeyName("ANTHROPIC_API_KEY")]
    public string? AnthropicApiKey { get; set; }

    [ConfigurationKeyName("ANTHROPIC_MODEL")]
    public string AnthropicModel { get; set; } = "claude-sonnet-4-5";

    /// <summary>Anthropic API base URL; unset = the SDK's production endpoint.</summary>
    [ConfigurationKeyName("ANTHROPIC_BASE_URL"), Url]
    public string? AnthropicBaseUrl { get; set; }

    /// <summary>Base URL of an OpenAI-compatible API including its version segment, e.g. <c>http://localhost:11434/v1</c>.</summary>
    [ConfigurationKeyName("OPENAI_BASE_URL"), Url]
    public string? OpenAIBaseUrl { get; set; }

    /// <summary>API key of the OpenAI-compatible server; local servers (Ollama, vLLM) accept any value.</summary>
    [ConfigurationKeyName("OPENAI_API_KEY")]
    public string? OpenAIApiKey { get; set; }

    [ConfigurationKeyName("OPENAI_MODEL")]
    public string? OpenAIModel { get; set; }

    /// <summary>
    /// Seconds a model call may wait for its reply, or a streamed answer for its next chunk (an
    /// idle timeout: a long answer that keeps coming is not cut off). The turn's own time budget
    /// can shorten it (see <c>WS_MESSAGE_TIMEOUT</c>).
    /// </summary>
    [ConfigurationKeyName("LLM_TIMEOUT"), Range(0.1, 600)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Retries of a call that failed for a passing reason (5xx, 408, 429, connection) before
    /// anything was streamed; never after a timeout, another 4xx, or once text was streamed.
    /// </summary>
    [ConfigurationKeyName("LLM_MAX_RETRIES"), Range(0, 5)]
    public int MaxRetries { get; set; } = 1;

    /// <summary>Output-token cap sent with every call, whichever the provider.</summary>
    [ConfigurationKeyName("LLM_MAX_OUTPUT_TOKENS"), Range(16, 64000)]
    public int MaxOutputTokens { get; set; } = 1024;

    public string NormalizedProvider => Provider.Trim().ToLowerInvariant();

    public bool IsOffline => NormalizedProvider == Offline;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The model id sent to the selected provider.</summary>
    public string ModelId => NormalizedProvider switch
    {
        Bedrock => BedrockModelId,
        Anthropic => AnthropicModel,
        OpenAI => OpenAIModel ?? "",
        _ => "offline",
    };

    /// <summary>Settings that depend on each other, named by setting so an operator can fix them.</summary>
    public IEnumerable<string> Problems()
    {
        switch (NormalizedProvider)
        {
            case Anthropic when string.IsNullOrWhiteSpace(AnthropicApiKey):
                yield return "LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY.";
                break;
            case OpenAI when string.IsNullOrWhiteSpace(OpenAIBaseUrl):
                yield return "LLM_PROVIDER=openai needs OPENAI_BASE_URL (e.g. http://localhost:11434/v1).";
                break;
            case OpenAI when string.IsNullOrWhiteSpace(OpenAIModel):
                yield return "LLM_PROVIDER=openai needs OPENAI_MODEL (e.g. llama3.1).";
                break;
            case Bedrock when string.IsNullOrWhiteSpace(BedrockModelId):
                yield return "LLM_PROVIDER=bedrock needs BEDROCK_MODEL_ID.";
                break;
            case Bedrock when string.IsNullOrWhiteSpace(AwsAccessKeyId) != string.IsNullOrWhiteSpace(AwsSecretAccessKey):
                yield return "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together.";
                break;
        }
    }
}
