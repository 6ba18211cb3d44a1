using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Llm;

public sealed class LlmSettingsTests
{
    [Theory]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("openai", "OPENAI_BASE_URL")]
    [InlineData("gemini", "LLM_PROVIDER")]
    public void IncompleteProviderSettings_StopStartup_NamingTheSetting(string provider, string setting)
    {
        var ex = Assert.ThrowsAny<Exception>(() => new OrchestratorHost(new Dictionary<string, string?> { ["LLM_PROVIDER"] = provider }));

        var messages = string.Join(" | ", Flatten(ex).Select(e => e.Message));
        Assert.Contains(setting, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflineProvider_IsTheDefault_AndHealthSaysSo()
    {
        await using var host = new OrchestratorHost();
        using var http = host.CreateHttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;

        var llm = health.GetProperty("checks").GetProperty("llm");
        Assert.Equal("healthy", llm.GetProperty("status").GetString());
        Assert.Equal("offline model", llm.GetProperty("description").GetString());
        Assert.IsType<TalknShop.Orchestrator.Understanding.Offline.OfflineRequirementExtractor>(host.Get<TalknShop.Orchestrator.Understanding.IRequirementExtractor>());
    }

    [Fact]
    public async Task BedrockCredentials_AskTheChainOnEveryRequest_SoRefreshedKeysAreUsed()
    {
        var chain = new RotatingCredentials();
        var credentials = new BedrockCredentials(() => chain, "us-east-1");

        var first = await SignAsync(credentials);
        var second = await SignAsync(credentials);

        Assert.Contains("Credential=AKID1/", first.Authorization, StringComparison.Ordinal);
        Assert.Contains("Credential=AKID2/", second.Authorization, StringComparison.Ordinal);
        Assert.Equal("token-2", second.Token);
        Assert.Contains("x-amz-security-token", second.Authorization, StringComparison.Ordinal);
    }

    private static async Task<(string Authorization, string? Token)> SignAsync(BedrockCredentials credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bedrock-runtime.us-east-1.example/model/m/invoke")
        {
            Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")),
        };
        await credentials.Apply(request);
        return (string.Join(",", request.Headers.GetValues("Authorization")),
            request.Headers.TryGetValues("x-amz-security-token", out var token) ? token.Single() : null);
    }

    /// <summary>Role credentials that change every time they are asked for (as after each expiry).</summary>
    private sealed class RotatingCredentials : AWSCredentials
    {
        private int _generation;

        public override ImmutableCredentials GetCredentials()
        {
            var n = Interlocked.Increment(ref _generation);
            return new ImmutableCredentials($"AKID{n}", $"secret-{n}", $"token-{n}");
        }
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
