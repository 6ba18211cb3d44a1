using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Auth;

/// <summary>With <c>AUTH_MODE=jwt</c> a socket lives no longer than its token.</summary>
public sealed class TokenExpiryTests
{
    [Fact]
    public async Task TokenExpires_SocketGetsTokenExpiredThenClose1008()
    {
        // The token's lifetime and the fake clock start at the same instant, however long the
        // host then takes to start.
        var start = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(start);
        var token = AuthTests.Token("alice", expires: start.UtcDateTime.AddMinutes(2));
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["AUTH_MODE"] = "jwt",
            ["JWT_ISSUER"] = "https://issuer.talknshop.test",
            ["JWT_AUDIENCE"] = "talknshop-clients",
            ["JWT_SIGNING_KEY"] = "a-development-signing-key-of-32+-characters",
        }, s =>
        {
            s.UseSimpleShopping();
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        });
        await using var client = await ChatClient.ConnectAsync(host.WebSocketUri("access_token=" + token));
        Assert.Equal("connected", (await client.ReceiveAsync()).Type());
        await client.SendMessageAsync("laptop under $900");
        await client.ReceiveUntilAsync(default, "done");

        // Still inside exp + the 30 s skew the handshake allows: nothing happens.
        time.Advance(TimeSpan.FromMinutes(2));
        await client.SendJsonAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveUntilAsync(default, "pong"))[^1].Type());

        time.Advance(TimeSpan.FromSeconds(31));
        var frames = await client.ReceiveUntilClosedAsync();

        var error = Assert.Single(frames, f => f.Type() == "error");
        Assert.Equal("token_expired", error.Code());
        Assert.True(error.Data().GetProperty("recoverable").GetBoolean());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("token_expired", client.CloseDescription);
        await ProtocolAssert.EventuallyAsync(() => host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>().ActiveConnections == 0);

        // A fresh token opens the same conversation again.
        var sessionId = error.GetProperty("session_id").GetString();
        await using var again = await ChatClient.ConnectAsync(host.WebSocketUri($"session_id={sessionId}&access_token=" + AuthTests.Token("alice")));
        Assert.True((await again.ReceiveAsync()).Data().GetProperty("resumed").GetBoolean());
    }
}
