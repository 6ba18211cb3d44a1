using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// A session's event log in this process: assigns <c>seq</c>, appends every event to the store
/// and hands it to <see cref="SessionSubscribers"/> once stored (write-behind with an
/// ordered-append store), commits a record together with an event, and replays what a
/// reconnecting client missed. One lock serialises seq assignment, appends and replays.
/// </summary>
// SemaphoreSlim needs no disposal unless its AvailableWaitHandle is used, which it never is here;
// disposing it on removal would race late publishers.
#pragma warning disable CA1001
internal sealed partial class SessionEventLog(
    string sessionId, ISessionStore store, SessionStoreWrites writes, TimeProvider time, SessionSubscribers subscribers)
{
    private const int ReplayPageSize = 200;
    private const int MaxAppendAttempts = 20;

    // Serialises seq assignment, log appends and attach/replay, so a replay and live events can
    // neither interleave nor leave a gap.
    private readonly SemaphoreSlim _publishLock = new(1, 1);
    private long _lastSeq = -1;
    private Exception? _unreportedFailure; // under the publish lock
    private volatile SessionLeaseLostException? _stopped;

    public string SessionId { get; } = sessionId;

    /// <summary>
    /// Assigns the next seq, stores the event and delivers it live once stored. Returns the seq.
    /// With an ordered-append store this returns once the append is queued (write-behind); a
    /// failed append surfaces from the next publish or <see cref="FlushAsync"/>.
    /// </summary>
    public async Task<long> PublishAsync(EventData data, string? turnId)
    {
        await _publishLock.WaitAsync().ConfigureAwait(false);
        var generation = writes.Generation;
        try
        {
            ThrowIfStopped();
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            return store.OrderedAppends
                ? await PublishBehindLockedAsync(data, turnId).ConfigureAwait(false)
                : await PublishAwaitedLockedAsync(data, turnId).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StoreFailedLocked(ex, generation);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    /// <summary>
    /// Stores <paramref name="record"/> and the event together (<see cref="ISessionStore.CommitAsync"/>)
    /// after everything published before it, then delivers the event. Returns the saved record.
    /// </summary>
    public async Task<SessionRecord> CommitAsync(EventData data, string turnId, SessionRecord record)
    {
        await _publishLock.WaitAsync().ConfigureAwait(false);
        var generation = writes.Generation;
        try
        {
            ThrowIfStopped();
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            await FlushLockedAsync(reportFailure: true).ConfigureAwait(false);
            var seq = _lastSeq + 1;
            var frame = EventFrames.Create(data, time.GetUtcNow(), SessionId, seq, turnId);
            SessionRecord saved;
            try
            {
                saved = await store.CommitAsync(record, new StoredEvent(seq, data.Type, frame), CancellationToken.None).ConfigureAwait(false);
            }
            catch (EventSeqTakenException taken)
            {
                // Shared store, another instance's event came first: ours follows it.
                _lastSeq = await store.GetLastSeqAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
                await PublishAwaitedLockedAsync(data, turnId).ConfigureAwait(false);
                return taken.Saved;
            }

            _lastSeq = seq;
            writes.Succeeded();
            DeliverLive(frame, seq);
            return saved;
        }
        catch (SessionConflictException)
        {
            // Another instance wrote to this session: the next event continues after its last one.
            _lastSeq = -1;
            throw;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StoreFailedLocked(ex, generation);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    /// <summary>
    /// Sends an event to the attached connection without storing it and without a seq: what the
    /// service says when the store itself is failing.
    /// </summary>
    public void SendUnstored(EventData data, string? turnId)
    {
        if (_stopped is null)
        {
            subscribers.Deliver(EventFrames.Create(data, time.GetUtcNow(), SessionId, seq: null, turnId));
        }
    }

    /// <summary>
    /// The session's lease was lost: from now on every publish and commit throws
    /// <paramref name="lost"/> without touching the store, and nothing more goes to the connection.
    /// </summary>
    public void Stop(SessionLeaseLostException lost) => _stopped ??= lost;

    private void ThrowIfStopped()
    {
        if (_stopped is { } lost)
        {
            throw lost;
        }
    }

    /// <summary>
    /// Called at the start of every turn: waits for the previous turn's appends and forgets a
    /// failure that turn already reported, so an old store error never ends a later turn.
    /// </summary>
    public async Task BeginTurnAsync()
    {
        await _publishLock.WaitAsync().ConfigureAwait(false);
        var generation = writes.Generation;
        try
        {
            await FlushLockedAsync(reportFailure: false).ConfigureAwait(false);
            _unreportedFailure = null;
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StoreFailedLocked(ex, generation);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    private static bool IsStoreFailure(Exception ex) => ex is not (SessionConflictException or StoreUnavailableException or EventSeqTakenException or SessionLeaseLostException);

    /// <summary>Under the publish lock: records the failure and, once no append is in flight, forgets the seq so it is re-read from the store.</summary>
    private StoreUnavailableException StoreFailedLocked(Exception ex, long generation)
    {
        writes.Failed(ex, generation);
        _resync = true;
        lock (_deliveryLock)
        {
            if (_unstored.Count == 0)
            {
                _lastSeq = -1;
                _unreportedFailure = null;
                _appendFailure = null;
            }
        }

        return new StoreUnavailableException(ex);
    }

    /// <summary>
    /// Waits until every event published so far is stored (and sent), and reports an append that
    /// failed since the last publish. A turn flushes before it saves its outcome, so a saved
    /// outcome never refers to events the log lacks.
    /// </summary>
    public async Task FlushAsync()
    {
        await _publishLock.WaitAsync().ConfigureAwait(false);
        var generation = writes.Generation;
        try
        {
            await FlushLockedAsync(reportFailure: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StoreFailedLocked(ex, generation);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    private async Task<long> PublishAwaitedLockedAsync(EventData data, string? turnId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seq = _lastSeq + 1;
            var frame = EventFrames.Create(data, time.GetUtcNow(), SessionId, seq, turnId);
            try
            {
                await store.AppendEventAsync(SessionId, new StoredEvent(seq, data.Type, frame), CancellationToken.None).ConfigureAwait(false);
            }
            catch (SessionConflictException) when (attempt < MaxAppendAttempts)
            {
                // Another instance wrote to this session's log: take the seq after its last
                // event. Seqs stay unique and gapless across instances.
                _lastSeq = await store.GetLastSeqAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            _lastSeq = seq;
            writes.Succeeded();
            DeliverLive(frame, seq);
            return seq;
        }
    }

    /// <summary>
    /// Makes <paramref name="subscriber"/> the session's connection: sends <c>connected</c> (built
    /// from the current last seq), replays events after <paramref name="lastSeq"/>, then goes live,
    /// all under the log's lock, so live events neither overtake the replay nor leave a gap.
    /// Returns the connection it replaced, to be told it was taken over.
    /// </summary>
    public async Task<ISessionSubscriber?> AttachAsync(ISessionSubscriber subscriber, long? lastSeq, Func<long, ReadOnlyMemory<byte>> connectedFrame, CancellationToken cancellationToken)
    {
        await _publishLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            // Everything published so far is stored before the replay reads the log; a failed
            // append is the turn's to report, not this connection's.
            await FlushLockedAsync(reportFailure: false).ConfigureAwait(false);
            subscriber.TryDeliver(connectedFrame(_lastSeq));
            var reached = lastSeq is { } after
                ? await ReplayLockedAsync(subscriber, after, cancellationToken).ConfigureAwait(false)
                : _lastSeq;
            lock (_deliveryLock)
            {
                _delivered = reached;
                return subscribers.Replace(subscriber);
            }
        }
        finally
        {
            _publishLock.Release();
        }
    }

    /// <summary>Replays stored events after <paramref name="lastSeq"/> to <paramref name="subscriber"/> (the <c>resume</c> message).</summary>
    public async Task ReplayAsync(ISessionSubscriber subscriber, long lastSeq, CancellationToken cancellationToken)
    {
        await _publishLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            await FlushLockedAsync(reportFailure: false).ConfigureAwait(false);
            var reached = await ReplayLockedAsync(subscriber, lastSeq, cancellationToken).ConfigureAwait(false);
            lock (_deliveryLock)
            {
                if (ReferenceEquals(subscribers.Current, subscriber))
                {
                    _delivered = Math.Max(_delivered, reached);
                }
            }
        }
        finally
        {
            _publishLock.Release();
        }
    }
}
#pragma warning restore CA1001
