using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

/// <summary>The ids the real clients send: the React Native app's email user id and its <c>session-&lt;millis&gt;-&lt;base36&gt;</c> session ids.</summary>
public sealed class ClientIdTests : IAsyncLifetime
{
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // Raw (as `ws/chat?user_id=${userId}` builds it) and percent-encoded (encodeURIComponent).
    [Theory]
    [InlineData("user_id=a.b+shop@example.com", "a.b+shop@example.com")]
    [InlineData("user_id=a.b%2Bshop%40example.com", "a.b+shop@example.com")]
    [InlineData("user_id=3f9a0c1b-7d2e-4c55-9a1e-1f2e3d4c5b6a", "3f9a0c1b-7d2e-4c55-9a1e-1f2e3d4c5b6a")]
    [InlineData("user_id=%E5%BC%A0%E4%BC%9F", "张伟")]
    [InlineData("user_id=auth0|5f7c8ec7c33c6c004bbafe82", "auth0|5f7c8ec7c33c6c004bbafe82")]
    public async Task UserId_RealClientShapes_AreAcceptedAndKeptExactly(string query, string expectedUser)
    {
        var (client, connected) = await ChatClient.OpenAsync(_host, query + "&session_id=session-1730000000000-k3j9x8a1b");
        await using var _ = client;
        Assert.Equal("session-1730000000000-k3j9x8a1b", connected.Data().GetProperty("session_id").GetString());

        await client.SendMessageAsync("laptop under $900");
        await client.ReceiveUntilAsync(default, "done");

        // The session resource is read with the same user_id, written the same way.
        using var http = _host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri($"/api/v1/sessions/session-1730000000000-k3j9x8a1b?{query}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("session");
        Assert.Equal(expectedUser, session.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task SessionId_FromTheApp_ContinuesAfterReconnect()
    {
        var sessionId = $"session-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}-{Convert.ToString(Random.Shared.NextInt64(1L << 40), 16)}";
        var query = $"user_id=a.b+shop@example.com&session_id={sessionId}";
        var (first, connected) = await ChatClient.OpenAsync(_host, query);
        Assert.False(connected.Data().GetProperty("resumed").GetBoolean());
        await first.SendMessageAsync("tablet under $500");
        await first.ReceiveUntilAsync(default, "done");
        await first.DisposeAsync();

        var (second, again) = await ChatClient.OpenAsync(_host, query);
        await using var _ = second;
        Assert.True(again.Data().GetProperty("resumed").GetBoolean());
        Assert.Equal(sessionId, again.Data().GetProperty("session_id").GetString());
    }

    public static TheoryData<string, string> RefusedIds => new()
    {
        { "user_id=has%20space", "invalid_user_id" },
        { "user_id=tab%09in", "invalid_user_id" },
        { "user_id=" + new string('u', 129), "invalid_user_id" },
        { "user_id=%FF%FE", "invalid_user_id" },
        { "user_id=a&user_id=b", "invalid_user_id" },
        { "user_id=zero%E2%80%8Bwidth", "invalid_user_id" },
        { "session_id=bad%20id", "invalid_session_id" },
        { "session_id=" + new string('s', 129), "invalid_session_id" },
        { "session_id=nul%00", "invalid_session_id" },
        { "last_seq=-1", "invalid_last_seq" },
        { "last_seq=abc", "invalid_last_seq" },
    };

    [Theory]
    [MemberData(nameof(RefusedIds))]
    public async Task RefusedParameter_IsNamedInCodeAndCloseReason_AndCounted(string query, string code)
    {
        var metrics = _host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>();
        var before = metrics.Snapshot().ConnectionsClosedByReason.GetValueOrDefault(code);

        await using var client = await ChatClient.ConnectAsync(_host.WebSocketUri(query));
        var frames = await client.ReceiveUntilClosedAsync();

        Assert.Equal(code, Assert.Single(frames).Code());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(code, client.CloseDescription);
        Assert.Equal(before + 1, metrics.Snapshot().ConnectionsClosedByReason.GetValueOrDefault(code));
        Assert.Equal(0, metrics.ActiveConnections);
    }

    [Fact]
    public async Task IdOf128Characters_InAnyScript_IsAccepted()
    {
        var (client, connected) = await ChatClient.OpenAsync(_host, "user_id=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("é", 128))));
        await using var _ = client;
        Assert.Equal("connected", connected.Type());
    }

    // AUTH_MODE=none: the user_id authentication handler names the caller for HTTP and the socket alike.
    [Theory]
    [InlineData("user_id=%FF")]
    [InlineData("user_id=a%20b")]
    [InlineData("user_id=a&user_id=b")]
    public async Task SessionsEndpoint_BadUserId_Is400NamingIt(string query)
    {
        using var http = _host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri($"/api/v1/sessions/sess_000000000000?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("user_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Socket_BadUserId_IsRefusedAfterTheUpgrade_WithItsCode()
    {
        await using var client = await ChatClient.ConnectAsync(_host.WebSocketUri("user_id=%FF"));
        var frames = await client.ReceiveUntilClosedAsync();

        Assert.Equal("invalid_user_id", Assert.Single(frames).Code());
    }

    [Fact]
    public async Task SessionsEndpoint_EmailUserId_OwnsTheSessionItOpened()
    {
        var (client, connected) = await ChatClient.OpenAsync(_host, "user_id=a.b+shop@example.com");
        await using var _ = client;
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        await client.SendMessageAsync("laptop under $900");
        await client.ReceiveUntilAsync(default, "done");

        using var http = _host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"/api/v1/sessions/{sessionId}?user_id=a.b+shop@example.com", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"/api/v1/sessions/{sessionId}?user_id=someone-else", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"/api/v1/sessions/{sessionId}", UriKind.Relative))).StatusCode);
    }
}
