using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Tests.Turns;

/// <summary>
/// The in-memory store (an ordered-append store like SQLite) with appends the test completes by
/// hand: each append is taken at once, in call order, but its task completes only when the test
/// calls <see cref="Complete"/>, so a test sees exactly what the log sends before an append is done.
/// An append whose seq is in <see cref="FailingSeqs"/> is not taken and its task fails.
/// </summary>
internal sealed class HeldAppendStore : ISessionStore
{
    private readonly InMemorySessionStore _inner = new(Options.Create(new SessionStoreOptions()));
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _held = new();

    public HashSet<long> FailingSeqs { get; } = [];

    /// <summary>False: appends complete at once (the store still keeps them).</summary>
    public bool Hold { get; set; } = true;

    public string Name => "held";

    public bool OrderedAppends => true;

    public IReadOnlyCollection<long> HeldSeqs => [.. _held.Keys.Order()];

    public Task Seed(string sessionId, params long[] seqs)
    {
        var now = DateTimeOffset.UnixEpoch;
        _ = _inner.TryCreateAsync(new SessionRecord { SessionId = sessionId, UserId = "u1", CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddDays(1) }, CancellationToken.None);
        return Task.WhenAll(seqs.Select(s => _inner.AppendEventAsync(sessionId, new StoredEvent(s, "progress", System.Text.Encoding.UTF8.GetBytes($"stored {s}")), CancellationToken.None)));
    }

    public void Complete(long seq)
    {
        Assert.True(_held.TryRemove(seq, out var append), $"no append of seq {seq} is held");
        if (FailingSeqs.Contains(seq))
        {
            append.SetException(new IOException("disk I/O error"));
        }
        else
        {
            append.SetResult();
        }
    }

    public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        if (!FailingSeqs.Contains(storedEvent.Seq))
        {
            _inner.AppendEventAsync(sessionId, storedEvent, cancellationToken).GetAwaiter().GetResult();
        }

        if (!Hold)
        {
            return FailingSeqs.Contains(storedEvent.Seq) ? Task.FromException(new IOException("disk I/O error")) : Task.CompletedTask;
        }

        // Continuations run inline, so what the log sends on completion is visible when Complete returns.
        var append = new TaskCompletionSource();
        Assert.True(_held.TryAdd(storedEvent.Seq, append));
        return append.Task;
    }

    public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) => _inner.GetAsync(sessionId, cancellationToken);

    public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) => _inner.TryCreateAsync(record, cancellationToken);

    public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken) => _inner.SaveAsync(record, cancellationToken);

    public Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken) =>
        _inner.CommitAsync(record, storedEvent, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        _inner.GetEventsAsync(sessionId, afterSeq, limit, cancellationToken);

    public Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken) => _inner.GetLastSeqAsync(sessionId, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>A connection as the session sees it: records every frame and what it was told.</summary>
internal sealed class RecordingSubscriber(string id = "conn_test") : Orchestrator.Turns.ISessionSubscriber
{
    private readonly ConcurrentQueue<string> _frames = new();

    public string ConnectionId { get; } = id;

    public IReadOnlyList<string> Frames => [.. _frames];

    public bool TakenOver { get; private set; }

    public bool Expired { get; private set; }

    public bool TryDeliver(ReadOnlyMemory<byte> frame)
    {
        _frames.Enqueue(System.Text.Encoding.UTF8.GetString(frame.Span));
        return true;
    }

    public ValueTask<bool> DeliverAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) => ValueTask.FromResult(TryDeliver(frame));

    public void OnTakenOver() => TakenOver = true;

    public void OnSessionExpired() => Expired = true;

    /// <summary>The seq of every delivered frame that has one, in delivery order.</summary>
    public IReadOnlyList<long> Seqs() =>
        [.. Frames.Where(f => f.StartsWith('{')).Select(f => System.Text.Json.JsonDocument.Parse(f).RootElement)
            .Where(r => r.TryGetProperty("seq", out _)).Select(r => r.GetProperty("seq").GetInt64())];
}
