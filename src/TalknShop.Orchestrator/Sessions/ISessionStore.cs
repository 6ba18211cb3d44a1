using TalknShop.Orchestrator.BuyerFlow;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Durable conversation state: the session record (with the workflow state), its event log for
/// replay, and the client message ids already processed. Every write of the record is conditional
/// on its <see cref="SessionRecord.Version"/>, so two writers never silently overwrite each other.
/// </summary>
public interface ISessionStore
{
    /// <summary>Short name for health and logs (<c>memory</c>, <c>sqlite</c>, <c>dynamodb</c>).</summary>
    string Name { get; }

    /// <summary>
    /// True when this process is the log's only writer in normal operation and a session's
    /// appends are applied in the order they are made (SQLite, memory). The session hub then
    /// queues a turn's appends without waiting for each one and sends every event once it and
    /// all before it are stored. DynamoDB, shared by instances, reports it unless
    /// <c>DYNAMODB_WRITE_BEHIND=false</c> (the owner holds the session's lease, so its writes are
    /// fenced). False makes the hub wait for each append.
    /// </summary>
    bool OrderedAppends { get; }

    Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Creates the session; returns false when it already exists.</summary>
    Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="record"/> if the stored version still equals <c>record.Version</c>;
    /// returns the saved record (version + 1). Throws <see cref="SessionConflictException"/> otherwise.
    /// </summary>
    Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="record"/> (conditional on its version, as <see cref="SaveAsync"/>) and
    /// appends <paramref name="storedEvent"/> as one write: after any crash either both are stored
    /// or neither is. A turn is accepted (marker and <c>thinking</c>) and ended (outcome and its
    /// terminal event) this way, so the log and the record always agree on where a turn stands.
    /// Throws <see cref="SessionConflictException"/> when the version moved or the seq is taken,
    /// or, from a store shared by instances, <see cref="EventSeqTakenException"/> when the record
    /// was saved but another writer took the event's seq first.
    /// </summary>
    Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken);

    /// <summary>Appends one event; throws <see cref="SessionConflictException"/> when its seq is taken.</summary>
    Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken);

    /// <summary>Events with seq greater than <paramref name="afterSeq"/>, in order (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The highest seq stored for the session, or 0.</summary>
    Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Cheap reachability probe for <c>/health</c>.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

/// <summary>One server event as it was sent: its seq and the exact UTF-8 frame.</summary>
public sealed record StoredEvent(long Seq, string Type, ReadOnlyMemory<byte> Frame);

/// <summary>A session: who owns it, its workflow state, and bookkeeping.</summary>
public sealed record SessionRecord
{
    public required string SessionId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Optimistic-concurrency version; 0 before the first save.</summary>
    public long Version { get; init; }

    public FlowState Flow { get; init; } = new();

    /// <summary>Recent <c>client_message_id</c>s already processed (bounded, newest last).</summary>
    public List<string> ProcessedMessageIds { get; init; } = [];

    /// <summary><c>idle</c>, or <c>running</c> while a turn is in flight (so a restart can tell it was interrupted).</summary>
    public string TurnStatus { get; init; } = TurnStatuses.Idle;

    /// <summary>
    /// The accepted turn that has not ended yet (its input is <see cref="FlowState.Input"/>), or
    /// null. Set by the commit that sends <c>thinking</c>, cleared by the one that sends its terminal event.
    /// </summary>
    public AcceptedTurn? Turn { get; init; }
}

/// <summary>
/// A turn the service accepted: its id, the client's id for the message, when and by which
/// instance it was last started, and how often it was started.
/// </summary>
public sealed record AcceptedTurn(string TurnId, string? ClientMessageId, DateTimeOffset StartedAt, string? Owner = null, int Attempts = 1);

public static class TurnStatuses
{
    public const string Idle = "idle";
    public const string Running = "running";
}

/// <summary>Another writer changed the session (or took the seq) first.</summary>
public sealed class SessionConflictException : Exception
{
    public SessionConflictException() { }
    public SessionConflictException(string message) : base(message) { }
    public SessionConflictException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// <see cref="ISessionStore.CommitAsync"/> saved the record, but another instance appended at the
/// event's seq first: the event is to be appended after the log's newest one.
/// </summary>
public sealed class EventSeqTakenException(SessionRecord saved) : Exception($"Session {saved.SessionId}: the record was saved but the event's seq was taken.")
{
    public SessionRecord Saved { get; } = saved;
}
