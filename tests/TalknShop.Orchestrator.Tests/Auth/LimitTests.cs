using System.Net;
using System.Net.WebSockets;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Auth;

public sealed class LimitTests
{
    [Fact]
    public async Task MessageRate_PerUser_TriggersThenRecovers()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["RATE_LIMIT_PER_USER"] = "2", ["RATE_LIMIT_WINDOW_SECONDS"] = "1" }, s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host, "user_id=chatty");
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900");
        await client.ReceiveUntilAsync(default, "done");
        await client.SendMessageAsync("tablet under $500");
        await client.ReceiveUntilAsync(default, "done");
        await client.SendMessageAsync("phone under $400");
        var limited = await client.ReceiveUntilAsync(default, "error");
        Assert.Equal("rate_limited", limited[^1].Code());
        Assert.StartsWith("retry_after=", limited[^1].Data().GetProperty("details").GetString(), StringComparison.Ordinal);

        // Real time on purpose: the window is System.Threading.RateLimiting's, which keeps its own
        // clock (no TimeProvider to fake), so the test waits one window of 1 s and a little.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await client.SendMessageAsync("phone under $400");
        Assert.Equal("done", (await client.ReceiveUntilAsync(default, "done", "error"))[^1].Type());
    }

    [Fact]
    public async Task ConnectionsPerUser_TriggerThenRecover()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["MAX_CONNECTIONS_PER_USER"] = "2" }, s => s.UseSimpleShopping());
        var (a, _) = await ChatClient.OpenAsync(host, "user_id=busy");
        var (b, _) = await ChatClient.OpenAsync(host, "user_id=busy");
        await using var __ = b;

        await using (var third = await ChatClient.ConnectAsync(host.WebSocketUri("user_id=busy")))
        {
            var frames = await third.ReceiveUntilClosedAsync();
            Assert.Equal("too_many_user_connections", Assert.Single(frames).Code());
            Assert.Equal((WebSocketCloseStatus)1013, third.CloseStatus);
        }

        var (other, _) = await ChatClient.OpenAsync(host, "user_id=someone_else");
        await other.DisposeAsync();

        await a.DisposeAsync();
        await ProtocolAssert.EventuallyAsync(() => host.Get<Orchestrator.Chat.ConnectionRegistry>().Count == 1);
        var (again, _) = await ChatClient.OpenAsync(host, "user_id=busy");
        await again.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentTurns_BeyondLimitAndQueue_AreRefusedThenRecover()
    {
        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        await using var host = new OrchestratorHost(
            new Dictionary<string, string?> { ["MAX_CONCURRENT_GRAPH_EXECUTIONS"] = "1", ["MAX_QUEUED_GRAPH_EXECUTIONS"] = "0" }, s => s.UseSimpleShopping(gated));
        var (first, _) = await ChatClient.OpenAsync(host, "user_id=u1");
        var (second, _) = await ChatClient.OpenAsync(host, "user_id=u2");
        await using var _1 = first;
        await using var _2 = second;

        await first.SendMessageAsync("laptop under $900");
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await second.SendMessageAsync("laptop under $900");
        var refused = await second.ReceiveUntilAsync(default, "done", "error");
        Assert.Equal("server_busy", refused[^1].Code());
        Assert.False(refused[^1].Data().GetProperty("recoverable").GetBoolean());

        gated.Release();
        Assert.Equal("done", (await first.ReceiveUntilAsync(default, "done", "error"))[^1].Type());
        await second.SendMessageAsync("laptop under $900");
        Assert.Equal("done", (await second.ReceiveUntilAsync(default, "done", "error"))[^1].Type());
    }

    [Fact]
    public async Task HttpSessionReads_AreRateLimitedWith429AndRetryAfter()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["RATE_LIMIT_PER_USER"] = "2", ["RATE_LIMIT_WINDOW_SECONDS"] = "1" }, s => s.UseSimpleShopping());
        using var http = host.CreateHttpClient();
        var uri = new Uri("/api/v1/sessions/sess_000000000000?user_id=reader", UriKind.Relative);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(uri)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(uri)).StatusCode);
        using var limited = await http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Real time on purpose, as above: the library limiter's window cannot be advanced.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(uri)).StatusCode);
    }

    [Theory]
    [InlineData("10.1.2.3", HttpStatusCode.Forbidden)]
    [InlineData("10.0.0.0/8,127.0.0.0/8", HttpStatusCode.OK)]
    public async Task ManagementEndpoints_FollowTheAllowList(string allowed, HttpStatusCode expected)
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["MANAGEMENT_ALLOWED_IPS"] = allowed }, s => s.UseSimpleShopping());
        using var http = host.CreateHttpClient();

        foreach (var path in new[] { "/metrics", "/metrics/prometheus", "/openapi.json", "/docs/index.html", "/redoc/index.html" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(expected == response.StatusCode, $"{path} answered {response.StatusCode}");
            if (expected == HttpStatusCode.Forbidden)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        // /debug/connections is behind the policy too; allowed, it answers 404 unless DEBUG=true.
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : expected, (await http.GetAsync(new Uri("/debug/connections", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task JwtMode_WithoutKeys_StopsStartupNamingTheSetting()
    {
        var ex = Assert.ThrowsAny<Exception>(() => new OrchestratorHost(new Dictionary<string, string?> { ["AUTH_MODE"] = "jwt", ["JWT_ISSUER"] = "i", ["JWT_AUDIENCE"] = "a" }));
        var messages = string.Join(" ", Enumerable.Repeat(ex, 1).Concat(ex is AggregateException agg ? agg.InnerExceptions : []).Select(e => e.ToString()));
        Assert.Contains("JWT_JWKS_URL", messages, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
