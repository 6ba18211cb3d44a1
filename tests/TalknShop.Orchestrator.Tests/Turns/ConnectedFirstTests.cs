using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Turns;

/// <summary><c>connected</c> is a socket's first frame, even when heartbeats tick while the session is being opened.</summary>
public sealed class ConnectedFirstTests
{
    [Fact]
    public async Task HeartbeatsWhileTheSessionOpens_FirstFrameIsStillConnected()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var store = new SlowLastSeqStore();
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["WS_HEARTBEAT_INTERVAL"] = "0.05" }, s =>
        {
            s.UseSimpleShopping();
            s.RemoveAll<ISessionStore>();
            s.AddSingleton<ISessionStore>(store);
        });
        var (watcher, _) = await ChatClient.OpenAsync(host, "user_id=watcher", timeout.Token);
        await using var _ = watcher;

        // The next socket waits for its session's last seq while the heartbeat ticks: the watcher sees two pings meanwhile.
        store.Slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opening = ChatClient.ConnectAsync(host.WebSocketUri("user_id=opener"), cancellationToken: timeout.Token);
        await store.Waiting.WaitAsync(timeout.Token);
        for (var pings = 0; pings < 2;)
        {
            pings += (await watcher.ReceiveAsync(cancellationToken: timeout.Token)).Type() == "ping" ? 1 : 0;
        }

        store.Slow.SetResult();
        await using var opener = await opening;
        Assert.Equal("connected", (await opener.ReceiveAsync(cancellationToken: timeout.Token)).Type());
    }

    /// <summary>The in-memory store, whose last-seq read waits for <see cref="Slow"/> when it is set.</summary>
    private sealed class SlowLastSeqStore : ISessionStore
    {
        private readonly InMemorySessionStore _inner = new(Options.Create(new SessionStoreOptions()));

        public TaskCompletionSource? Slow { get; set; }

        public SemaphoreSlim Waiting { get; } = new(0);

        public string Name => "memory";

        public bool OrderedAppends => true;

        public async Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken)
        {
            if (Slow is { Task.IsCompleted: false } slow)
            {
                Waiting.Release();
                await slow.Task.WaitAsync(cancellationToken);
            }

            return await _inner.GetLastSeqAsync(sessionId, cancellationToken);
        }

        public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) => _inner.GetAsync(sessionId, cancellationToken);

        public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) => _inner.TryCreateAsync(record, cancellationToken);

        public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken) => _inner.SaveAsync(record, cancellationToken);

        public Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken) =>
            _inner.CommitAsync(record, storedEvent, cancellationToken);

        public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken) =>
            _inner.AppendEventAsync(sessionId, storedEvent, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken) =>
            _inner.GetEventsAsync(sessionId, afterSeq, limit, cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
