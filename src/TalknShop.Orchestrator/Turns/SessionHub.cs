using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// One session in this process, composed of its <see cref="SessionEventLog"/> (seq, write-behind,
/// replay), its <see cref="SessionSubscribers"/> (the attached connection, takeover) and its
/// <see cref="TurnQueue"/> (one turn at a time). Turns belong to the session, not to a socket: a
/// turn keeps running when its connection drops, and a reconnect replays what was missed from the
/// log. Holds no timer or task while idle. With a store shared by instances the hub owns the
/// session's lease (see <see cref="SessionHub.Ownership"/>) from its first socket or turn until it
/// is dropped; once the lease is lost the hub is done and a new one is made.
/// </summary>
internal sealed partial class SessionHub
{
    private readonly SessionEventLog _log;
    private readonly SessionSubscribers _subscribers = new();
    private readonly TurnQueue _turns;
    private readonly TurnProcessor _processor;

    // The record as this process's turns last saved it; read and written by one turn at a time.
    private SessionRecord? _lastSaved;

    public SessionHub(
        string sessionId, ISessionStore store, TurnProcessor processor, SessionStoreWrites writes, TimeProvider time, int maxQueuedTurns,
        SessionOwnership ownership, Task previousRelease,
        Action<SessionHub> onWorkerIdle, Action<SessionHub, Exception> onTurnCrashed, Action<SessionHub> onLost)
    {
        SessionId = sessionId;
        _processor = processor;
        _ownership = ownership;
        _previousRelease = previousRelease;
        _onLost = onLost;
        _log = new SessionEventLog(sessionId, store, writes, time, _subscribers);
        _turns = new TurnQueue(maxQueuedTurns, RunTurnAsync, () => onWorkerIdle(this), ex => onTurnCrashed(this, ex));
    }

    public string SessionId { get; }

    /// <summary>Leases held by connections; the registry drops the hub at zero once no turn runs.</summary>
    internal int Leases { get; set; }

    public bool IsTurnRunning => _turns.IsRunning;

    /// <summary>
    /// Makes <paramref name="subscriber"/> the session's connection: <c>connected</c>, the replay
    /// after <paramref name="lastSeq"/>, then live events. A previous connection is told it was taken over.
    /// </summary>
    public async Task AttachAsync(ISessionSubscriber subscriber, long? lastSeq, Func<long, ReadOnlyMemory<byte>> connectedFrame, CancellationToken cancellationToken)
    {
        var previous = await _log.AttachAsync(subscriber, lastSeq, connectedFrame, cancellationToken).ConfigureAwait(false);
        SessionSubscribers.TakeOver(previous);
        if (IsLost)
        {
            // Lost while attaching: this connection is told too.
            subscriber.OnTakenOver();
        }
    }

    /// <summary>Replays stored events after <paramref name="lastSeq"/> to <paramref name="subscriber"/> (the <c>resume</c> message).</summary>
    public Task ReplayAsync(ISessionSubscriber subscriber, long lastSeq, CancellationToken cancellationToken) =>
        _log.ReplayAsync(subscriber, lastSeq, cancellationToken);

    public void Detach(ISessionSubscriber subscriber) => _subscribers.Detach(subscriber);

    public EnqueueResult Enqueue(TurnRequest request) => _turns.Enqueue(request);

    /// <summary>Re-runs a turn that a stopped process, or the session's previous owner, left marked as running in <paramref name="record"/>.</summary>
    public void ResumeInterrupted(SessionRecord record)
    {
        // The processor re-reads the record and runs the marker it finds (or nothing, when the
        // turn ended meanwhile). The client message id makes a resend of it a duplicate meanwhile.
        if (record.Turn is { } turn && record.Flow.Input is { } input && !IsTurnRunning)
        {
            _turns.Enqueue(new TurnRequest(input, turn.ClientMessageId, ResumesInterrupted: true));
        }
    }

    /// <summary>Cancels the running turn; false when none is running.</summary>
    public bool CancelCurrentTurn(CancelReason reason) => _turns.CancelCurrent(reason);

    /// <summary>Completes when the queue has drained (used at shutdown).</summary>
    public Task WhenIdleAsync() => _turns.WhenIdleAsync();

    private async Task RunTurnAsync(TurnRequest request, TurnCancellation cancellation)
    {
        var session = new TurnSession(_log, _subscribers, _lastSaved, () => EnsureOwnedAsync(verify: false, CancellationToken.None), Lose);
        try
        {
            await _processor.RunAsync(session, request, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _lastSaved = IsLost ? null : session.Saved;
        }
    }
}
