using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Llm;

public enum ModelWire
{
    Anthropic,
    Bedrock,
    OpenAI,
}

/// <summary>
/// What the fake model answers to one call. <see cref="Status"/> other than 200 answers with the
/// provider's error body; <see cref="StallAfterChunks"/> stops a stream mid-way and never finishes it.
/// </summary>
/// <see cref="Delay"/> holds the whole answer back (a slow model).
public sealed record ModelReply(string Text = "", int Status = 200, int? StallAfterChunks = null, TimeSpan? Delay = null)
{
    public static ModelReply Error(int status) => new(Status: status);
}

/// <summary>
/// A language model provider on a real loopback port, speaking the provider's wire format
/// (Anthropic Messages JSON and SSE, Bedrock invoke and event-stream, OpenAI chat completions and
/// SSE), so the real SDK clients are what the tests exercise. Which understanding step a request
/// belongs to is read from its system prompt; <see cref="Script"/> decides the reply.
/// </summary>
public sealed class ModelFake : IAsyncDisposable
{
    public const string Extract = "extract";
    public const string Clarify = "clarify";
    public const string Compose = "compose";

    private readonly FakeHttpService _http;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    private ModelFake(FakeHttpService http, ModelWire wire)
    {
        _http = http;
        Wire = wire;
        http.Handler = HandleAsync;
    }

    public ModelWire Wire { get; }

    public Uri BaseUri => _http.BaseUri;

    /// <summary>Chooses the reply from the step and how many calls that step has had (0-based).</summary>
    public Func<string, int, ModelReply> Script { get; set; } = (_, _) => new ModelReply("{}");

    /// <summary>Status the models list (health probe) answers.</summary>
    public int ModelsStatus { get; set; } = 200;

    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>When set, a stream waits for it (at most 5 s) before sending its last chunk.</summary>
    public TaskCompletionSource? HoldLastChunk { get; set; }

    /// <summary>True when the held last chunk was released by the test rather than by the 5-s limit.</summary>
    public bool? LastChunkReleasedByTest { get; private set; }

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests => _http.Requests;

    public int Calls(string step) => _calls.GetValueOrDefault(step);

    /// <summary>The credential headers of each model call (Authorization, x-api-key).</summary>
    public ConcurrentQueue<string> Credentials { get; } = new();

    /// <summary>Each model call as it arrived: method, request target as sent (still encoded), headers, body.</summary>
    public ConcurrentQueue<CapturedRequest> Captured { get; } = new();

    public static async Task<ModelFake> StartAsync(ModelWire wire) => new(await FakeHttpService.StartAsync(), wire);

    /// <summary>Host settings that select this provider and point it here.</summary>
    public Dictionary<string, string?> Settings(double timeoutSeconds = 3) => Wire switch
    {
        ModelWire.Anthropic => new()
        {
            ["LLM_PROVIDER"] = "anthropic",
            ["ANTHROPIC_API_KEY"] = "test-key",
            ["ANTHROPIC_MODEL"] = "claude-test",
            ["ANTHROPIC_BASE_URL"] = _http.BaseUri.ToString(),
            ["LLM_TIMEOUT"] = Invariant(timeoutSeconds),
        },
        ModelWire.Bedrock => new()
        {
            ["LLM_PROVIDER"] = "bedrock",
            ["BEDROCK_MODEL_ID"] = "anthropic.claude-test-v1:0",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = _http.BaseUri.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "AKIDTESTTESTTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "test-secret",
            ["LLM_TIMEOUT"] = Invariant(timeoutSeconds),
        },
        _ => new()
        {
            ["LLM_PROVIDER"] = "openai",
            ["OPENAI_BASE_URL"] = new Uri(_http.BaseUri, "v1").ToString(),
            ["OPENAI_MODEL"] = "llama-test",
            ["OPENAI_API_KEY"] = "test-key",
            ["LLM_TIMEOUT"] = Invariant(timeoutSeconds),
        },
    };

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext context, string body)
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path.EndsWith("/models", StringComparison.Ordinal))
        {
            context.Response.StatusCode = ModelsStatus;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ModelsStatus == 200 ? """{"data":[{"id":"test-model","type":"model"}]}""" : ErrorBody(ModelsStatus), context.RequestAborted);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || !IsModelCall(path))
        {
            // Not a model call, and not counted as one. Tests that pick a free port and hand it to a
            // child (a service process, dynalite) can race a fake for it; the loser's traffic (GET
            // /alive, a DynamoDB POST /) then reaches this fake and was counted as a compose call.
            // The providers answer an unknown route 404 (Bedrock: UnknownOperationException).
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Credentials.Enqueue($"{context.Request.Headers.Authorization} {context.Request.Headers["x-api-key"]}".Trim());
        Captured.Enqueue(new CapturedRequest(
            context.Request.Method,
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            body));
        var step = body.Contains("search specification", StringComparison.Ordinal) ? Extract
            : body.Contains("specific enough", StringComparison.Ordinal) ? Clarify
            : Compose;
        var n = _calls.AddOrUpdate(step, 1, static (_, c) => c + 1) - 1;
        var reply = Script(step, n);
        var streaming = Wire switch
        {
            ModelWire.Bedrock => path.EndsWith("/invoke-with-response-stream", StringComparison.Ordinal),
            _ => body.Contains("\"stream\":true", StringComparison.Ordinal),
        };

        try
        {
            if (reply.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (reply.Status != 200)
            {
                context.Response.StatusCode = reply.Status;
                context.Response.ContentType = "application/json";
                if (Wire == ModelWire.Bedrock)
                {
                    // Bedrock (restJson1): the error type in a header, {"message"} in the body.
                    context.Response.Headers["x-amzn-ErrorType"] = BedrockErrorType(reply.Status) + ":http://internal.amazon.com/coral/com.amazon.bedrock/";
                }

                await context.Response.WriteAsync(ErrorBody(reply.Status), context.RequestAborted);
                return;
            }

            if (streaming)
            {
                await StreamAsync(context, reply);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Wire == ModelWire.OpenAI ? ModelWireFormats.OpenAIMessage(reply.Text) : ModelWireFormats.AnthropicMessage(reply.Text), context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up (timeout): nothing left to send.
        }
    }

    /// <summary>The routes a model call takes on this wire (Messages, InvokeModel and its stream, chat completions).</summary>
    private bool IsModelCall(string path) => Wire switch
    {
        ModelWire.Anthropic => path.EndsWith("/v1/messages", StringComparison.Ordinal),
        ModelWire.Bedrock => path.StartsWith("/model/", StringComparison.Ordinal)
            && (path.EndsWith("/invoke", StringComparison.Ordinal) || path.EndsWith("/invoke-with-response-stream", StringComparison.Ordinal)),
        _ => path.EndsWith("/chat/completions", StringComparison.Ordinal),
    };

    private async Task StreamAsync(HttpContext context, ModelReply reply)
    {
        var chunks = ModelWireFormats.Chunks(reply.Text);
        var events = Wire == ModelWire.OpenAI ? ModelWireFormats.OpenAIStream(chunks) : ModelWireFormats.AnthropicStream(chunks);
        if (Wire == ModelWire.Bedrock)
        {
            context.Response.ContentType = "application/vnd.amazon.eventstream";
            context.Response.Headers["x-amzn-bedrock-content-type"] = "application/json";
        }
        else
        {
            context.Response.ContentType = "text/event-stream";
        }

        await context.Response.StartAsync(context.RequestAborted);
        var textChunksSent = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var (name, json, isText) = events[i];
            if (isText)
            {
                if (reply.StallAfterChunks is { } stall && textChunksSent == stall)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                }

                if (textChunksSent == chunks.Count - 1 && HoldLastChunk is { } hold)
                {
                    LastChunkReleasedByTest = await Task.WhenAny(hold.Task, Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted)) == hold.Task;
                }

                textChunksSent++;
                await Task.Delay(ChunkDelay, context.RequestAborted);
            }

            var bytes = Wire switch
            {
                ModelWire.Bedrock => EventStreamFrames.Frame(json),
                ModelWire.OpenAI => Encoding.UTF8.GetBytes($"data: {json}\n\n"),
                _ => Encoding.UTF8.GetBytes($"event: {name}\ndata: {json}\n\n"),
            };
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        if (Wire == ModelWire.OpenAI)
        {
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        }
    }

    /// <summary>The message Bedrock sends when an on-demand call names a model served only through an inference profile.</summary>
    public const string BedrockProfileRequired = "Invocation of model ID anthropic.claude-test-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.";

    private static string BedrockErrorType(int status) => status switch
    {
        400 => "ValidationException",
        401 or 403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        _ => "InternalServerException",
    };

    private string ErrorBody(int status) => Wire == ModelWire.Bedrock
        ? JsonSerializer.Serialize(new { message = status == 400 ? BedrockProfileRequired : status is 401 or 403 ? "The security token included in the request is invalid." : "fake error" })
        : Wire == ModelWire.OpenAI
        ? JsonSerializer.Serialize(new { error = new { message = "fake error", type = status == 401 ? "invalid_request_error" : "server_error", code = status.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
        : JsonSerializer.Serialize(new { type = "error", error = new { type = status switch { 401 => "authentication_error", 429 => "rate_limit_error", _ => "api_error" }, message = "fake error" } });

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}

/// <summary>One request as the fake model received it.</summary>
public sealed record CapturedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, string Body);
