using System.Text;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>
/// What Bedrock itself checks, against a fake that checks it the same way (AWS's SigV4 rules,
/// the documented <c>anthropic_version</c>, its 400 ValidationException shape).
/// </summary>
public sealed class BedrockWireTests : IAsyncLifetime
{
    private const string Secret = "test-secret";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private ModelFake _model = null!;

    public async Task InitializeAsync()
    {
        _model = await ModelFake.StartAsync(ModelWire.Bedrock);
        _model.Script = (step, _) => step switch
        {
            ModelFake.Extract => new("""{"new_search": true, "product_type": "laptop", "price": {"max": 1000}}"""),
            ModelFake.Clarify => new("""{"ask": false}"""),
            _ => new("The Lenovo IdeaPad is my top pick."),
        };
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        _timeout.Dispose();
    }

    private async Task<(OrchestratorHost Host, List<JsonElement> Frames)> TurnAsync(Dictionary<string, string?> overrides)
    {
        var settings = _model.Settings();
        foreach (var (k, v) in overrides)
        {
            settings[k] = v;
        }

        var host = new OrchestratorHost(settings);
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: _timeout.Token);
        await using var __ = client;
        await client.SendMessageAsync("I need a laptop under $1000", cancellationToken: _timeout.Token);
        return (host, await client.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error"));
    }

    [Theory]
    [InlineData("anthropic.claude-test-v1:0", "/model/anthropic.claude-test-v1%3A0/")]
    [InlineData("us.anthropic.claude-sonnet-4-6", "/model/us.anthropic.claude-sonnet-4-6/")]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6", "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fa1b2c3d4e5f6/")]
    public async Task Requests_CarryTheDocumentedVersion_AndAValidSignature(string modelId, string pathPrefix)
    {
        var (host, frames) = await TurnAsync(new() { ["BEDROCK_MODEL_ID"] = modelId });
        await using var _ = host;

        Assert.Equal("done", frames[^1].Type());
        Assert.NotEmpty(_model.Captured);
        foreach (var request in _model.Captured)
        {
            Assert.StartsWith(pathPrefix, request.RawTarget, StringComparison.Ordinal);
            var body = JsonDocument.Parse(request.Body).RootElement;
            Assert.Equal("bedrock-2023-05-31", body.GetProperty("anthropic_version").GetString());
            Assert.False(body.TryGetProperty("model", out var _), "the model travels in the path, not the body");
            Assert.Equal(1024, body.GetProperty("max_tokens").GetInt32());
            Assert.Null(SigV4Verifier.Problem(request.Method, request.RawTarget, request.Headers, Encoding.UTF8.GetBytes(request.Body), Secret, "bedrock"));
            Assert.NotNull(SigV4Verifier.Problem(request.Method, request.RawTarget, request.Headers, Encoding.UTF8.GetBytes(request.Body), "another-secret", "bedrock"));
        }
    }

    [Fact]
    public async Task ValidationException_IsNotRetried_AndHealthNamesIt()
    {
        _model.Script = (_, _) => ModelReply.Error(400);
        var (host, frames) = await TurnAsync(new() { ["LLM_MAX_RETRIES"] = "2" });
        await using var _ = host;

        Assert.Equal("done", frames[^1].Type());
        Assert.Single(frames, f => f.Type() == "results");
        Assert.Equal(1, _model.Calls(ModelFake.Extract));
        Assert.Equal(1, _model.Calls(ModelFake.Compose));

        using var http = host.CreateHttpClient();
        var llm = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), _timeout.Token)).RootElement.GetProperty("checks").GetProperty("llm");
        Assert.Equal("degraded", llm.GetProperty("status").GetString());
        Assert.StartsWith("Bedrock answered 400 ValidationException: " + ModelFake.BedrockProfileRequired, llm.GetProperty("description").GetString(), StringComparison.Ordinal);
        var fallbacks = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), _timeout.Token)).RootElement.GetProperty("fallbacks").GetProperty("llm");
        Assert.True(fallbacks.GetProperty("http_400").GetInt64() >= 2);
    }

    [Fact]
    public async Task HealthRecovers_OnceACallSucceeds()
    {
        _model.Script = (step, n) => step == ModelFake.Extract && n == 0 ? ModelReply.Error(400)
            : step == ModelFake.Extract ? new("""{"new_search": true, "product_type": "laptop", "price": {"max": 1000}}""")
            : step == ModelFake.Clarify ? new("""{"ask": false}""") : new("Fine pick.");
        var (host, _) = await TurnAsync(new() { ["LLM_MAX_RETRIES"] = "0" });
        await using var _ = host;
        using var http = host.CreateHttpClient();

        var llm = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), _timeout.Token)).RootElement.GetProperty("checks").GetProperty("llm");

        Assert.Equal("healthy", llm.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ApiKey_IsSentAsABearerToken_InsteadOfASignature()
    {
        var (host, frames) = await TurnAsync(new() { ["AWS_BEARER_TOKEN_BEDROCK"] = "ABSKbedrock-api-key", ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null });
        await using var _ = host;

        Assert.Equal("done", frames[^1].Type());
        Assert.All(_model.Captured, r => Assert.Equal("Bearer ABSKbedrock-api-key", r.Headers["authorization"]));
    }

    [Fact]
    public async Task Region_DefaultsToUsWest2()
    {
        var settings = _model.Settings();
        settings.Remove("AWS_REGION");
        await using var host = new OrchestratorHost(settings);
        using var http = host.CreateHttpClient();

        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), _timeout.Token)).RootElement;

        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("llm").GetProperty("status").GetString());
        Assert.Equal("us-west-2", host.Get<TalknShop.Orchestrator.Llm.BedrockCredentials>().Region);
    }
}
