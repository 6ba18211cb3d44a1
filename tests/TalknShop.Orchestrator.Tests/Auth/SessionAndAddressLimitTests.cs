using System.Net.WebSockets;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Auth;

public sealed class SessionAndAddressLimitTests
{
    [Fact]
    public async Task ConnectionsPerAddress_AcrossInventedUsers_AreCapped_ThenRecover()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["MAX_CONNECTIONS_PER_ADDRESS"] = "3" }, s => s.UseSimpleShopping());
        var open = new List<ChatClient>();
        for (var i = 0; i < 3; i++)
        {
            open.Add((await ChatClient.OpenAsync(host, $"user_id=invented_{i}")).Client);
        }

        await using (var fourth = await ChatClient.ConnectAsync(host.WebSocketUri("user_id=invented_99")))
        {
            var frames = await fourth.ReceiveUntilClosedAsync();
            Assert.Equal("too_many_address_connections", Assert.Single(frames).Code());
            Assert.Equal((WebSocketCloseStatus)1013, fourth.CloseStatus);
            Assert.Equal("address_connection_limit", fourth.CloseDescription);
        }

        await open[0].DisposeAsync();
        await ProtocolAssert.EventuallyAsync(() => host.Get<Orchestrator.Chat.ConnectionRegistry>().Count == 2);
        var (again, _) = await ChatClient.OpenAsync(host, "user_id=invented_99");
        await again.DisposeAsync();
        foreach (var client in open.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectionsPerAddress_BehindAProxy_CountTheForwardedClient()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, as the deploy files set it behind nginx.
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["MAX_CONNECTIONS_PER_ADDRESS"] = "1", ["FORWARDEDHEADERS_ENABLED"] = "true" }, s => s.UseSimpleShopping());

        await using var first = await ChatClient.ConnectAsync(host.WebSocketUri("user_id=one"), o => o.SetRequestHeader("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal("connected", (await first.ReceiveAsync()).Type());
        await using var second = await ChatClient.ConnectAsync(host.WebSocketUri("user_id=two"), o => o.SetRequestHeader("X-Forwarded-For", "198.51.100.20"));
        Assert.Equal("connected", (await second.ReceiveAsync()).Type());

        await using var sameClient = await ChatClient.ConnectAsync(host.WebSocketUri("user_id=three"), o => o.SetRequestHeader("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal("too_many_address_connections", Assert.Single(await sameClient.ReceiveUntilClosedAsync()).Code());
    }

    [Fact]
    public async Task SessionCreation_PerUser_IsLimited_ButReconnectingIsNot()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["SESSION_CREATE_LIMIT_PER_USER"] = "2" }, s => s.UseSimpleShopping());
        var (a, first) = await ChatClient.OpenAsync(host, "user_id=maker");
        var kept = first.Data().GetProperty("session_id").GetString();
        await a.DisposeAsync();
        // A client-chosen new id creates a session too.
        var (b, _) = await ChatClient.OpenAsync(host, "user_id=maker&session_id=session-1730000000000-abc");
        await b.DisposeAsync();

        foreach (var query in new[] { "user_id=maker", "user_id=maker&session_id=session-1730000000001-def" })
        {
            await using var refused = await ChatClient.ConnectAsync(host.WebSocketUri(query));
            var frames = await refused.ReceiveUntilClosedAsync();
            var error = Assert.Single(frames);
            Assert.Equal("too_many_sessions", error.Code());
            Assert.StartsWith("retry_after=", error.Data().GetProperty("details").GetString(), StringComparison.Ordinal);
            Assert.Equal((WebSocketCloseStatus)1013, refused.CloseStatus);
            Assert.Equal("session_create_limit", refused.CloseDescription);
        }

        var (back, connected) = await ChatClient.OpenAsync(host, $"user_id=maker&session_id={kept}");
        Assert.True(connected.Data().GetProperty("resumed").GetBoolean());
        await back.DisposeAsync();
        var (other, _) = await ChatClient.OpenAsync(host, "user_id=someone_else");
        await other.DisposeAsync();
    }

    [Fact]
    public async Task SessionCreation_PerAddress_IsLimitedAcrossInventedUsers()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["SESSION_CREATE_LIMIT_PER_ADDRESS"] = "3" }, s => s.UseSimpleShopping());
        for (var i = 0; i < 3; i++)
        {
            var (client, _) = await ChatClient.OpenAsync(host, $"user_id=invented_{i}");
            await client.DisposeAsync();
        }

        await using var refused = await ChatClient.ConnectAsync(host.WebSocketUri("user_id=invented_3"));
        Assert.Equal("too_many_sessions", Assert.Single(await refused.ReceiveUntilClosedAsync()).Code());
        Assert.Equal("session_create_limit", refused.CloseDescription);
    }
}
