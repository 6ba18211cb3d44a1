using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// With the SQLite store a turn's events are stored write-behind: the hub queues the next append
/// before the previous one has committed, yet a client never sees an event the log lacks, so a
/// replay after reconnect is exact. The real SQLite store sits behind a decorator that makes every
/// append slow (so "sent before stored" would show) and can fail one seq the way another writer would.
/// </summary>
public sealed class WriteBehindTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Turn_SlowAppends_EveryEventIsStoredBeforeTheClientSeesIt()
    {
        var store = new SlowStoreBox();
        await using var host = Host(store);
        using var timeout = new CancellationTokenSource(Bound);
        var (client, _) = await ChatClient.OpenAsync(host, "user_id=u1", timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900", cancellationToken: timeout.Token);
        var (frames, unstored) = await ReceiveCheckingStoreAsync(client, store, timeout.Token, "done");

        Assert.Contains(frames, f => f.Type() == "results");
        Assert.Empty(unstored);
        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long?)i), frames.Select(f => f.Seq()));
        // Write-behind, not one commit after another: the hub queued appends while earlier ones were still being written.
        Assert.True(store.Value.MaxInFlight > 1, $"at most {store.Value.MaxInFlight} append in flight");
    }

    [Fact]
    public async Task Turn_AnotherWriterTakesASeq_TurnReportsConflictAndLogStaysGapless()
    {
        var store = new SlowStoreBox { ConflictAtSeq = 4 };
        await using var host = Host(store);
        using var timeout = new CancellationTokenSource(Bound);
        var (client, connected) = await ChatClient.OpenAsync(host, "user_id=u1", timeout.Token);
        var sessionId = connected.GetProperty("session_id").GetString()!;
        await using (client)
        {
            await client.SendMessageAsync("laptop under $900", cancellationToken: timeout.Token);
            var (frames, unstored) = await ReceiveCheckingStoreAsync(client, store, timeout.Token, "error", "done");

            Assert.Equal("session_conflict", frames[^1].Code());
            Assert.Empty(unstored);
            var seqs = frames.Select(f => f.Seq()!.Value).ToList();
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal([1L, 2L, 3L], seqs.Take(3));
            Assert.DoesNotContain(4L, seqs); // the other writer's event is not this turn's to send

            // The session goes on: the next message continues after what is really in the log.
            await client.SendMessageAsync("tablet under $600", cancellationToken: timeout.Token);
            var next = await client.ReceiveUntilAsync(timeout.Token, "done", "error");
            Assert.Equal("done", next[^1].Type());
            Assert.True(next[0].Seq() > seqs[^1]);
        }

        // A reconnect from the start replays one gapless log, the other writer's event included.
        var (replay, _) = await ChatClient.OpenAsync(host, $"user_id=u1&session_id={sessionId}&last_seq=0", timeout.Token);
        await using (replay)
        {
            var log = await replay.ReceiveUntilAsync(timeout.Token, "done");
            Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long?)i), log.Select(f => f.Seq()));
            Assert.Equal("other_instance", log[3].Data().GetProperty("step").GetString());
        }
    }

    /// <summary>
    /// Reads frames until one of <paramref name="types"/>; notes each frame whose seq the store
    /// did not yet have at the moment it arrived.
    /// </summary>
    private static async Task<(List<JsonElement> Frames, List<string> Unstored)> ReceiveCheckingStoreAsync(
        ChatClient client, SlowStoreBox box, CancellationToken cancellationToken, params string[] types)
    {
        var frames = new List<JsonElement>();
        var unstored = new List<string>();
        while (true)
        {
            var frame = await client.ReceiveAsync(cancellationToken: cancellationToken);
            if (frame.Seq() is not { } seq)
            {
                continue;
            }

            if (!box.Value.Stored.ContainsKey(seq))
            {
                unstored.Add($"{frame.Type()} seq {seq}");
            }

            frames.Add(frame);
            if (types.Contains(frame.Type()))
            {
                return (frames, unstored);
            }
        }
    }

    private static OrchestratorHost Host(SlowStoreBox box) =>
        new(new Dictionary<string, string?> { ["SESSION_STORE"] = "sqlite" }, s =>
        {
            s.UseSimpleShopping();
            s.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => box.Create(sp.GetRequiredService<SqliteSessionStore>())));
        });

    /// <summary>Holds the decorator the host creates, with its settings.</summary>
    private sealed class SlowStoreBox
    {
        public long? ConflictAtSeq { get; init; }

        public SlowAppendStore Value { get; private set; } = null!;

        public ISessionStore Create(ISessionStore inner) => Value = new SlowAppendStore(inner, ConflictAtSeq);
    }

    /// <summary>
    /// The real store, but each append waits 15 ms first, in order (the next starts after the
    /// previous ends, as SQLite's single writer does); <see cref="Stored"/> lists the seqs the
    /// real store has. <c>conflictAtSeq</c> plays another writer: it stores its own event at that
    /// seq and refuses ours.
    /// </summary>
    private sealed class SlowAppendStore(ISessionStore inner, long? conflictAtSeq) : ISessionStore
    {
        private readonly Lock _lock = new();
        private Task _tail = Task.CompletedTask;
        private int _inFlight;

        public ConcurrentDictionary<long, bool> Stored { get; } = new();

        public int MaxInFlight { get; private set; }

        public string Name => inner.Name;

        public bool OrderedAppends => inner.OrderedAppends;

        public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
                return _tail = AppendAfterAsync(_tail, sessionId, storedEvent);
            }
        }

        private async Task AppendAfterAsync(Task previous, string sessionId, StoredEvent storedEvent)
        {
            try
            {
                await previous.ConfigureAwait(false);
            }
            catch (SessionConflictException)
            {
                // The previous append's own caller hears about it.
            }

            try
            {
                await Task.Delay(15).ConfigureAwait(false);
                if (storedEvent.Seq == conflictAtSeq)
                {
                    var foreign = Encoding.UTF8.GetBytes(
                        $$"""{"type":"progress","data":{"step":"other_instance","stage":"searching","message":"Another instance was here."},"timestamp":"2026-11-25T10:00:00.000Z","session_id":"{{sessionId}}","seq":{{storedEvent.Seq}}}""");
                    await inner.AppendEventAsync(sessionId, new StoredEvent(storedEvent.Seq, "progress", foreign), default).ConfigureAwait(false);
                    throw new SessionConflictException($"Seq {storedEvent.Seq} was taken by another writer.");
                }

                await inner.AppendEventAsync(sessionId, storedEvent, default).ConfigureAwait(false);
                Stored[storedEvent.Seq] = true;
            }
            finally
            {
                lock (_lock)
                {
                    _inFlight--;
                }
            }
        }

        public async Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken)
        {
            Task previous;
            lock (_lock)
            {
                previous = _tail;
            }

            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var saved = await inner.CommitAsync(record, storedEvent, cancellationToken).ConfigureAwait(false);
            Stored[storedEvent.Seq] = true;
            return saved;
        }

        public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) => inner.GetAsync(sessionId, cancellationToken);

        public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) => inner.TryCreateAsync(record, cancellationToken);

        public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken) => inner.SaveAsync(record, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken) =>
            inner.GetEventsAsync(sessionId, afterSeq, limit, cancellationToken);

        public Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken) => inner.GetLastSeqAsync(sessionId, cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
    }
}
