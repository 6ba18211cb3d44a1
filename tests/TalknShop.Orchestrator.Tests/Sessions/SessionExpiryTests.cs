using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// A socket left open past the session's TTL: its next message gets <c>session_expired</c> and
/// the socket is closed with that reason (1008), instead of the message being ignored.
/// </summary>
public sealed class SessionExpiryTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public Task MessageAfterTtl_Sqlite_SessionExpiredErrorAndClose() =>
        ExpiredSessionIsToldAndClosedAsync(new Dictionary<string, string?> { ["SESSION_STORE"] = "sqlite" });

    [Fact]
    public Task MessageAfterTtl_DynamoDb_SessionExpiredErrorAndClose() =>
        ExpiredSessionIsToldAndClosedAsync(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "expiry-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
        });

    private static async Task ExpiredSessionIsToldAndClosedAsync(Dictionary<string, string?> settings)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        settings["SESSION_TTL_HOURS"] = "1";
        await using var host = new OrchestratorHost(settings, s =>
        {
            s.UseSimpleShopping();
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        });
        var (client, _) = await ChatClient.OpenAsync(host, "user_id=u1", timeout.Token);
        await using var _ = client;
        await client.SendMessageAsync("laptop under $900", "m1", cancellationToken: timeout.Token);
        Assert.Equal("done", (await client.ReceiveUntilAsync(timeout.Token, "done", "error"))[^1].Type());

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await client.SendMessageAsync("tablet under $500", "m2", cancellationToken: timeout.Token);
        var frames = await client.ReceiveUntilClosedAsync(timeout.Token);

        var error = Assert.Single(frames, f => f.Type() == "error");
        Assert.Equal("session_expired", error.Code());
        Assert.False(error.Data().GetProperty("recoverable").GetBoolean());
        Assert.DoesNotContain(frames, f => f.Type() == "thinking");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("session_expired", client.CloseDescription);
    }
}
