using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Process-memory store for tests and <c>SESSION_STORE=memory</c>. Same contract as the durable
/// stores (conditional writes, bounded event retention) so the contract tests hold for it too.
/// </summary>
internal sealed class InMemorySessionStore(IOptions<SessionStoreOptions> options) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    public string Name => "memory";

    public bool OrderedAppends => true;

    public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.TryGetValue(sessionId, out var entry) ? entry.Record : null);

    public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.TryAdd(record.SessionId, new Entry(record with { Version = 1 })));

    public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        var entry = _sessions.GetOrAdd(record.SessionId, _ => new Entry(record with { Version = 0 }));
        lock (entry)
        {
            if (entry.Record.Version != record.Version)
            {
                throw new SessionConflictException($"Session {record.SessionId} changed (version {entry.Record.Version}, expected {record.Version}).");
            }

            entry.Record = record with { Version = record.Version + 1 };
            return Task.FromResult(entry.Record);
        }
    }

    public Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(record.SessionId, out var entry))
        {
            throw new SessionConflictException($"Session {record.SessionId} does not exist.");
        }

        lock (entry)
        {
            if (entry.Record.Version != record.Version || (entry.Events.Count > 0 && entry.Events[^1].Seq >= storedEvent.Seq))
            {
                throw new SessionConflictException($"Session {record.SessionId} changed (version {entry.Record.Version}, expected {record.Version}).");
            }

            entry.Record = record with { Version = record.Version + 1 };
            entry.Events.Add(storedEvent);
            var excess = entry.Events.Count - options.Value.EventRetention;
            if (excess > 0)
            {
                entry.Events.RemoveRange(0, excess);
            }

            return Task.FromResult(entry.Record);
        }
    }

    public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var entry = _sessions.GetOrAdd(sessionId, static id => throw new InvalidOperationException($"Unknown session {id}."));
        lock (entry)
        {
            if (entry.Events.Count > 0 && entry.Events[^1].Seq >= storedEvent.Seq)
            {
                throw new SessionConflictException($"Seq {storedEvent.Seq} of session {sessionId} is taken.");
            }

            entry.Events.Add(storedEvent);
            var excess = entry.Events.Count - options.Value.EventRetention;
            if (excess > 0)
            {
                entry.Events.RemoveRange(0, excess);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return Task.FromResult<IReadOnlyList<StoredEvent>>([]);
        }

        lock (entry)
        {
            return Task.FromResult<IReadOnlyList<StoredEvent>>(entry.Events.Where(e => e.Seq > afterSeq).Take(limit).ToList());
        }
    }

    public Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return Task.FromResult(0L);
        }

        lock (entry)
        {
            return Task.FromResult(entry.Events.Count == 0 ? 0L : entry.Events[^1].Seq);
        }
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    private sealed class Entry(SessionRecord record)
    {
        public SessionRecord Record { get; set; } = record;
        public List<StoredEvent> Events { get; } = [];
    }
}
