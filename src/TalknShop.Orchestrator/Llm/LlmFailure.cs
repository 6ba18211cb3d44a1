using System.ClientModel;
using System.Text.Json;
using Anthropic.Exceptions;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Why a model call failed, in three forms: a short code for metrics (<c>http_400</c>,
/// <c>timeout</c>), plain words for <c>/health</c> ("Bedrock answered 400 ValidationException: …"),
/// and whether trying again could help (5xx, 408, 429 and broken connections; never another 4xx).
/// </summary>
internal sealed record LlmFailure(string Code, string Reason, bool Retryable)
{
    public bool TimedOut => Code == "timeout";

    public static LlmFailure Timeout(string provider, TimeSpan after) =>
        new("timeout", $"{ProviderName(provider)} did not answer within {after.TotalSeconds:0.#} s.", Retryable: false);

    public static LlmFailure NoTimeLeft { get; } = new("turn_budget", "No time was left in the turn for a model call.", Retryable: false);

    public static LlmFailure Of(Exception exception, string provider)
    {
        var name = ProviderName(provider);
        var (status, body) = Response(exception);
        if (status is not { } code)
        {
            return exception is HttpRequestException or IOException
                ? new("connection", $"{name} could not be reached ({exception.GetType().Name}).", Retryable: true)
                : new("error", $"{name} call failed ({exception.GetType().Name}).", Retryable: false);
        }

        var kind = provider == LlmOptions.Bedrock ? BedrockErrorName(code) : null;
        var message = MessageOf(body);
        var reason = $"{name} answered {code}{(kind is null ? "" : " " + kind)}{(message is null ? "" : ": " + message)}";
        return new($"http_{code}", reason, Retryable: code is 408 or 429 or >= 500);
    }

    /// <summary>
    /// The HTTP status and error body behind an SDK exception, where the SDK keeps them: the
    /// Anthropic SDK (also for Bedrock, through Anthropic.Bedrock), the OpenAI SDK, the AWS SDK
    /// (signing-credential calls such as STS) and plain HTTP.
    /// </summary>
    private static (int? Status, string? Body) Response(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case AnthropicApiException api:
                    return ((int)api.StatusCode, api.ResponseBody);
                case ClientResultException { Status: > 0 } openai:
                    return (openai.Status, openai.GetRawResponse()?.Content?.ToString());
                case Amazon.Runtime.AmazonServiceException { StatusCode: var aws } when aws > 0:
                    return ((int)aws, null);
                case HttpRequestException { StatusCode: { } code }:
                    return ((int)code, null);
            }
        }

        return (null, null);
    }

    // Bedrock's error type travels in a header the SDK does not keep; the status maps onto it
    // one to one (InvokeModel's documented errors).
    private static string? BedrockErrorName(int status) => status switch
    {
        400 => "ValidationException",
        403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        408 => "ModelTimeoutException",
        424 => "ModelErrorException",
        429 => "ThrottlingException",
        500 => "InternalServerException",
        503 => "ServiceUnavailableException",
        _ => null,
    };

    /// <summary>The message of a Bedrock (<c>{message}</c>), Anthropic or OpenAI (<c>{error: {message}}</c>) error body.</summary>
    private static string? MessageOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var message = root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var em) && em.ValueKind == JsonValueKind.String ? em.GetString()
                : null;
            return message is null ? null : message.Length <= 200 ? message : message[..200] + "…";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ProviderName(string provider) => provider switch
    {
        LlmOptions.Bedrock => "Bedrock",
        LlmOptions.Anthropic => "The Anthropic API",
        LlmOptions.OpenAI => "The OpenAI-compatible server",
        _ => "The model provider",
    };
}
