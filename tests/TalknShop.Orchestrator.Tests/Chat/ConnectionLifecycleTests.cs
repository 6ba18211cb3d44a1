using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

public sealed class ConnectionLifecycleTests
{
    [Fact]
    public async Task Heartbeat_SendsPingEveryInterval()
    {
        // The heartbeat runs on the app's clock: a fake one is advanced instead of waiting for it.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["WS_HEARTBEAT_INTERVAL"] = "30" }, s =>
        {
            s.UseSimpleShopping();
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        });
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        // Before the interval: no ping (one would be queued before the pong that answers ours).
        time.Advance(TimeSpan.FromSeconds(29));
        await client.SendJsonAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync(TimeSpan.FromSeconds(5))).Type());

        time.Advance(TimeSpan.FromSeconds(1));
        var first = await client.ReceiveAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(30));
        var second = await client.ReceiveAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("ping", first.Type());
        Assert.Equal("ping", second.Type());
        Assert.Null(first.Seq());
        Assert.Matches(ChatProtocolTests.TimestampPattern(), first.Data().GetProperty("timestamp").GetString()!);
        Assert.Equal(TimeSpan.FromSeconds(30), second.Data().GetProperty("timestamp").GetDateTimeOffset() - first.Data().GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(time.GetUtcNow(), second.Data().GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task DeadPeer_NotAnsweringKeepAlive_IsClosedAndRemoved()
    {
        // The timeout leaves room for a loaded 2-core CI machine: the server reads pongs only once the
        // session is open, and a pause of half a second must not look like a dead peer during connect.
        await using var host = new OrchestratorHost(
            new Dictionary<string, string?> { ["WS_KEEPALIVE_INTERVAL"] = "0.2", ["WS_KEEPALIVE_TIMEOUT"] = "1" }, s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);

        // A client that stops reading never answers the server's WebSocket pings: to the server it is dead.
        var registry = host.Get<Orchestrator.Chat.ConnectionRegistry>();
        Assert.Equal(1, registry.Count);
        await ProtocolAssert.EventuallyAsync(() => registry.Count == 0, TimeSpan.FromSeconds(10));

        var metrics = host.Get<OrchestratorMetrics>().Snapshot();
        Assert.Equal(0, metrics.ActiveConnections);
        Assert.Equal(1, metrics.ConnectionsClosedByReason["peer_lost"]);
        client.Socket.Abort();
        client.Socket.Dispose();
    }

    [Fact]
    public async Task SameSessionTwice_NewerWins_OlderGetsTakenOverAndClose()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (older, connected) = await ChatClient.OpenAsync(host, "user_id=phone_user");
        await using var _ = older;
        var sessionId = connected.Data().GetProperty("session_id").GetString();

        var (newer, _) = await ChatClient.OpenAsync(host, $"user_id=phone_user&session_id={sessionId}");
        await using var __ = newer;
        var olderFrames = await older.ReceiveUntilClosedAsync();

        Assert.Equal("session_taken_over", Assert.Single(olderFrames).Code());
        Assert.NotNull(older.CloseStatus);

        await newer.SendMessageAsync("laptop under $800");
        Assert.Equal("done", (await newer.ReceiveUntilAsync(default, "done"))[^1].Type());
    }

    [Fact]
    public async Task AnotherUsersSession_IsRefusedWithoutItsContent()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (owner, connected) = await ChatClient.OpenAsync(host, "user_id=alice");
        await using var _ = owner;
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        await owner.SendMessageAsync("laptop under $800");
        await owner.ReceiveUntilAsync(default, "done");

        await using var intruder = await ChatClient.ConnectAsync(host.WebSocketUri($"user_id=mallory&session_id={sessionId}&last_seq=0"));
        var frames = await intruder.ReceiveUntilClosedAsync();

        Assert.Equal("session_unavailable", Assert.Single(frames).Code());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, intruder.CloseStatus);
        Assert.DoesNotContain("laptop", frames[0].GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConnectionLimit_Reached_ClosesWith1013AndReason()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["WS_MAX_CONCURRENT_CONNECTIONS"] = "2" }, s => s.UseSimpleShopping());
        var (a, _) = await ChatClient.OpenAsync(host);
        var (b, _) = await ChatClient.OpenAsync(host);
        await using var __ = a;
        await using var ___ = b;

        await using var third = await ChatClient.ConnectAsync(host.WebSocketUri());
        var frames = await third.ReceiveUntilClosedAsync();

        Assert.Equal("too_many_connections", Assert.Single(frames).Code());
        Assert.Equal((WebSocketCloseStatus)1013, third.CloseStatus);
        Assert.Equal("connection_limit", third.CloseDescription);

        // A slot freed is a slot usable again.
        await a.DisposeAsync();
        await ProtocolAssert.EventuallyAsync(() => host.Get<Orchestrator.Chat.ConnectionRegistry>().Count == 1);
        var (again, _) = await ChatClient.OpenAsync(host);
        await again.DisposeAsync();
    }

    [Theory]
    [InlineData("http://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData("http://app.talknshop.example", null, HttpStatusCode.SwitchingProtocols)]
    [InlineData("http://evil.example", "true", HttpStatusCode.SwitchingProtocols)]
    public async Task Origin_IsCheckedBeforeUpgrade(string origin, string? debug, HttpStatusCode expected)
    {
        await using var host = new OrchestratorHost(
            new Dictionary<string, string?> { ["ALLOWED_ORIGINS"] = "http://app.talknshop.example", ["DEBUG"] = debug }, s => s.UseSimpleShopping());

        if (expected == HttpStatusCode.Forbidden)
        {
            var ex = await Assert.ThrowsAsync<WebSocketException>(() => ChatClient.ConnectAsync(host.WebSocketUri(), o => o.SetRequestHeader("Origin", origin)));
            Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            await using var client = await ChatClient.ConnectAsync(host.WebSocketUri(), o => o.SetRequestHeader("Origin", origin));
            Assert.Equal("connected", (await client.ReceiveAsync()).Type());
        }
    }

    [Fact]
    public async Task Shutdown_SendsClose1001_AndSavesInFlightTurn()
    {
        // Its own DATA_DIR, so the saved session can still be read after the host is gone.
        using var dataDir = new TempDirectory();
        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        var host = new OrchestratorHost(new Dictionary<string, string?> { ["DATA_DIR"] = dataDir.Path }, s => s.UseSimpleShopping(gated));
        var (client, connected) = await ChatClient.OpenAsync(host);
        await using var _ = client;
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;
        var store = host.Get<ISessionStore>();

        await client.SendMessageAsync("laptop under $900");
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = host.DisposeAsync().AsTask();
        var frames = await client.ReceiveUntilClosedAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
        Assert.Contains(frames, f => f.Type() == "progress" && f.Data().GetProperty("step").GetString() == "SearchMarketplaces");
        var saved = await store.GetAsync(sessionId, default);
        Assert.Equal(TurnStatuses.Running, saved!.TurnStatus);
        Assert.Equal("laptop under $900", saved.Flow.Input!.Text);
    }

    [Fact]
    public async Task Seq_AcrossTurnsAndReconnects_IncreasesWithoutGaps()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (client, connected) = await ChatClient.OpenAsync(host, "user_id=seq_user");
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        var seqs = new List<long>();
        await client.SendMessageAsync("laptop");
        seqs.AddRange((await client.ReceiveUntilAsync(default, "clarification")).Select(f => f.Seq()!.Value));
        await client.SendTextAsync("{oops");
        await client.ReceiveAsync();
        await client.DisposeAsync();

        var (again, _) = await ChatClient.OpenAsync(host, $"user_id=seq_user&session_id={sessionId}");
        await using var __ = again;
        await again.SendMessageAsync("$900");
        seqs.AddRange((await again.ReceiveUntilAsync(default, "done")).Select(f => f.Seq()!.Value));

        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }
}
