using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

/// <summary>The store failing while a socket opens or replays: the client is told, gets a close frame with the reason, and the connection gauge stays right.</summary>
public sealed class StoreFailureTests : IAsyncLifetime
{
    private readonly FailingReads _failing = new();
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(new Dictionary<string, string?> { ["SESSION_STORE"] = "sqlite" }, s =>
        {
            s.UseSimpleShopping();
            s.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => _failing.Wrap(sp.GetRequiredService<SqliteSessionStore>())));
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Orchestrator.Diagnostics.OrchestratorMetrics Metrics => _host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>();

    [Fact]
    public async Task StoreFailsDuringResume_ErrorThenClose1011_GaugeBackToZero()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;
        await client.SendMessageAsync("laptop under $900");
        await client.ReceiveUntilAsync(default, "done");

        _failing.Fail = true;
        await client.SendJsonAsync(new { type = "resume", last_seq = 0 });
        var frames = await client.ReceiveUntilClosedAsync();

        var error = Assert.Single(frames);
        Assert.Equal("store_unavailable", error.Code());
        Assert.True(error.Data().GetProperty("recoverable").GetBoolean());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, client.CloseStatus);
        Assert.Equal("store_unavailable", client.CloseDescription);
        await ProtocolAssert.EventuallyAsync(() => Metrics.ActiveConnections == 0);
    }

    [Fact]
    public async Task StoreFailsWhileReconnectReplays_ErrorThenClose1011_GaugeBackToZero()
    {
        var (client, connected) = await ChatClient.OpenAsync(_host);
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        await client.SendMessageAsync("laptop under $900");
        await client.ReceiveUntilAsync(default, "done");
        await client.DisposeAsync();
        await ProtocolAssert.EventuallyAsync(() => Metrics.ActiveConnections == 0);

        _failing.FailEventReads = true;
        await using var again = await ChatClient.ConnectAsync(_host.WebSocketUri($"session_id={sessionId}&last_seq=0"));
        var frames = await again.ReceiveUntilClosedAsync();

        Assert.Equal("store_unavailable", frames[^1].Code());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, again.CloseStatus);
        Assert.Equal("store_unavailable", again.CloseDescription);
        await ProtocolAssert.EventuallyAsync(() => Metrics.ActiveConnections == 0);
    }

    [Fact]
    public async Task StoreFailsWhileOpening_RefusedWithStoreUnavailable_NotCountedOpen()
    {
        _failing.Fail = true;
        await using var client = await ChatClient.ConnectAsync(_host.WebSocketUri("session_id=sess_cannot_read"));
        var frames = await client.ReceiveUntilClosedAsync();

        Assert.Equal("store_unavailable", Assert.Single(frames).Code());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, client.CloseStatus);
        Assert.Equal("store_unavailable", client.CloseDescription);
        Assert.Equal(0, Metrics.ActiveConnections);
        Assert.Equal(0, _host.Get<Orchestrator.Chat.ConnectionRegistry>().Count);

        // Once the store is back the same session opens.
        _failing.Fail = false;
        var (ok, _) = await ChatClient.OpenAsync(_host, "session_id=sess_cannot_read");
        await ok.DisposeAsync();
    }

    /// <summary>Makes the real store's reads throw on demand, as a locked or unreachable database does.</summary>
    private sealed class FailingReads
    {
        public volatile bool Fail;
        public volatile bool FailEventReads;

        public ISessionStore Wrap(ISessionStore inner) => new Store(inner, this);

        private sealed class Store(ISessionStore inner, FailingReads switches) : ISessionStore
        {
            public string Name => inner.Name;
            public bool OrderedAppends => inner.OrderedAppends;

            public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) =>
                switches.Fail ? throw Broken() : inner.GetAsync(sessionId, cancellationToken);

            public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) => inner.TryCreateAsync(record, cancellationToken);

            public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken) => inner.SaveAsync(record, cancellationToken);

            public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken) =>
                inner.AppendEventAsync(sessionId, storedEvent, cancellationToken);

            public Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken) =>
                inner.CommitAsync(record, storedEvent, cancellationToken);

            public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken) =>
                switches.Fail || switches.FailEventReads ? throw Broken() : inner.GetEventsAsync(sessionId, afterSeq, limit, cancellationToken);

            public Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken) =>
                switches.Fail || switches.FailEventReads ? throw Broken() : inner.GetLastSeqAsync(sessionId, cancellationToken);

            public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

            private static IOException Broken() => new("disk I/O error");
        }
    }
}
