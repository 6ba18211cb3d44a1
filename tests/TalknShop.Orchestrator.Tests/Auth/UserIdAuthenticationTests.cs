using System.Net;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Auth;

/// <summary>AUTH_MODE=none: the <c>user_id</c> handler names the caller for HTTP and the socket alike.</summary>
public sealed class UserIdAuthenticationTests : IAsyncLifetime
{
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

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
