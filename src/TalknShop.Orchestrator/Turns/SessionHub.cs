using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// One session in this process: assigns <c>seq</c>, appends every event to the store's log and
/// delivers it to the attached connection; queues user messages and runs them one at a time.
/// Turns belong to the session, not to a socket: a turn keeps running when its connection drops,
/// and a reconnect replays what was missed from the log. Holds no timer or task while idle.
/// </summary>
// SemaphoreSlim needs no disposal unless its AvailableWaitHandle is used, which it never is here;
// disposing it on removal would race late publishers.
#pragma warning disable CA1001
internal sealed class SessionHub(
    string sessionId, ISessionStore store, TurnProcessor processor, SessionStoreWrites writes, TimeProvider time, int maxQueuedTurns,
    Action<SessionHub> onWorkerIdle, Action<SessionHub, Exception> onTurnCrashed)
{
    private const int ReplayPageSize = 200;
    private const int MaxAppendAttempts = 20;

    // Serialises seq assignment, log appends and attach/replay, so a replay and live events can
    // neither interleave nor leave a gap.
    private readonly SemaphoreSlim _publishLock = new(1, 1);
    private readonly Lock _queueLock = new();
    private readonly Queue<TurnRequest> _pending = new();
    private readonly HashSet<string> _inFlightIds = new(StringComparer.Ordinal);
    private long _lastSeq = -1;
    private ISessionSubscriber? _subscriber;
    private CancellationTokenSource? _currentTurn;
    private CancelReason _cancelReason;
    private bool _workerRunning;

    private Task _worker = Task.CompletedTask;

    // Write-behind state (ordered-append stores): events in seq order whose append may not have
    // completed yet, and the first append failure not yet reported.
    private readonly Lock _deliveryLock = new();
    private readonly Queue<UnstoredEvent> _unstored = new();
    private Exception? _appendFailure;
    private Exception? _unreportedFailure; // under the publish lock
    private long _resyncAfter = -1; // under the publish lock: the last seq sent before a store failure

    public string SessionId { get; } = sessionId;

    /// <summary>Leases held by connections and the worker; the registry drops the hub at zero.</summary>
    internal int Leases { get; set; }

    public bool IsTurnRunning { get { lock (_queueLock) { return _workerRunning; } } }

    public ISessionSubscriber? Subscriber => _subscriber;

    /// <summary>The session as this process's turn worker last saved it (used by one turn at a time).</summary>
    internal SessionRecord? LastSaved { get; set; }

    public CancelReason CurrentCancelReason { get { lock (_queueLock) { return _cancelReason; } } }

    /// <summary>
    /// Assigns the next seq, stores the event and delivers it live once stored. Returns the seq.
    /// With an ordered-append store this returns once the append is queued (write-behind); a
    /// failed append surfaces from the next publish or <see cref="FlushAsync"/>.
    /// </summary>
    public async Task<long> PublishAsync(string type, EventData data, string? turnId)
    {
        await _publishLock.WaitAsync().ConfigureAwait(false);
        var generation = writes.Generation;
        try
        {
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            return store.OrderedAppends
                ? await PublishBehindLockedAsync(type, data, turnId).ConfigureAwait(false)
                : await PublishAwaitedLockedAsync(type, data, turnId).ConfigureAwait(false);
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
    public async Task<SessionRecord> CommitAsync(string type, EventData data, string turnId, SessionRecord record)
    {
        await _publishLock.WaitAsync().ConfigureAwait(false);
        var generation = writes.Generation;
        try
        {
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            await FlushLockedAsync(reportFailure: true).ConfigureAwait(false);
            var seq = _lastSeq + 1;
            var frame = EventFrames.Create(type, data, time.GetUtcNow(), SessionId, seq, turnId);
            SessionRecord saved;
            try
            {
                saved = await store.CommitAsync(record, new StoredEvent(seq, type, frame), CancellationToken.None).ConfigureAwait(false);
            }
            catch (EventSeqTakenException taken)
            {
                // Shared store, another instance's event came first: ours follows it.
                _lastSeq = await store.GetLastSeqAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
                await PublishAwaitedLockedAsync(type, data, turnId).ConfigureAwait(false);
                return taken.Saved;
            }

            _lastSeq = seq;
            writes.Succeeded();
            _subscriber?.TryDeliver(frame);
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
    public void SendUnstored(string type, EventData data, string? turnId) =>
        _subscriber?.TryDeliver(EventFrames.Create(type, data, time.GetUtcNow(), SessionId, seq: null, turnId));

    /// <summary>The session is gone from the store (expired): the attached connection must say so and close.</summary>
    public void SessionExpired() => _subscriber?.OnSessionExpired();

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

    private static bool IsStoreFailure(Exception ex) => ex is not (SessionConflictException or StoreUnavailableException or EventSeqTakenException);

    /// <summary>Under the publish lock: records the failure and, once no append is in flight, forgets the seq so it is re-read from the store.</summary>
    private StoreUnavailableException StoreFailedLocked(Exception ex, long generation)
    {
        writes.Failed(ex, generation);
        lock (_deliveryLock)
        {
            if (_unstored.Count == 0)
            {
                // A write that failed on the way back (the store took it, the answer was lost) is
                // in the log though never sent: once the seq is re-read, the attached client gets
                // what it missed.
                if (_resyncAfter < 0)
                {
                    _resyncAfter = _lastSeq;
                }

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

    private async Task<long> PublishAwaitedLockedAsync(string type, EventData data, string? turnId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seq = _lastSeq + 1;
            var frame = EventFrames.Create(type, data, time.GetUtcNow(), SessionId, seq, turnId);
            try
            {
                await store.AppendEventAsync(SessionId, new StoredEvent(seq, type, frame), CancellationToken.None).ConfigureAwait(false);
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
            _subscriber?.TryDeliver(frame);
            return seq;
        }
    }

    // Write-behind: storing each event before the next could be produced made a turn wait for
    // one commit per event in a row, ~40 for a search turn (the SQLite store's group commit could
    // not help a single session).
    // Now the turn's appends are queued back to back, the store commits them together, and each
    // event is sent once it and everything before it are stored, so what a client has seen is
    // always in the log and replay stays exact.
    private async Task<long> PublishBehindLockedAsync(string type, EventData data, string? turnId)
    {
        if (AppendFailed)
        {
            // Report it to the turn; the seq is re-read once every queued append has finished.
            await FlushLockedAsync(reportFailure: true).ConfigureAwait(false);
        }

        var seq = _lastSeq + 1;
        var frame = EventFrames.Create(type, data, time.GetUtcNow(), SessionId, seq, turnId);
        Task stored;
        try
        {
            stored = store.AppendEventAsync(SessionId, new StoredEvent(seq, type, frame), CancellationToken.None);
        }
        catch (Exception ex)
        {
            stored = Task.FromException(ex);
        }

        _lastSeq = seq;
        lock (_deliveryLock)
        {
            _unstored.Enqueue(new UnstoredEvent(frame, stored));
        }

        if (stored.IsCompleted)
        {
            SendStored();
        }
        else
        {
            _ = stored.ContinueWith(static (_, hub) => ((SessionHub)hub!).SendStored(), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return seq;
    }

    /// <summary>Sends, in seq order, every queued event whose append (and all before it) completed.</summary>
    private void SendStored()
    {
        lock (_deliveryLock)
        {
            while (_unstored.TryPeek(out var head) && head.Stored.IsCompleted)
            {
                _unstored.Dequeue();
                if (!head.Stored.IsCompletedSuccessfully)
                {
                    _appendFailure ??= head.Stored.Exception?.InnerException ?? new OperationCanceledException("An event append was cancelled.");
                }
                else if (_appendFailure is null)
                {
                    // After a failed append the rest of that run is not sent live: the client
                    // would see a gap. What was stored comes back to it through replay.
                    _subscriber?.TryDeliver(head.Frame);
                }
            }
        }
    }

    /// <summary>
    /// Under the publish lock: waits for the queued appends; after a failed one, re-reads the
    /// log's last seq (the next event continues after what is really stored). With
    /// <paramref name="reportFailure"/>, throws the failure not yet reported to the turn.
    /// </summary>
    private async Task FlushLockedAsync(bool reportFailure)
    {
        Task[] pending;
        lock (_deliveryLock)
        {
            pending = _unstored.Count == 0 ? [] : [.. _unstored.Select(e => e.Stored)];
        }

        if (pending.Length > 0)
        {
            try
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // SendStored records it as _appendFailure.
            }

            SendStored();
        }

        Exception? failure;
        lock (_deliveryLock)
        {
            failure = _appendFailure;
            _appendFailure = null;
        }

        if (failure is not null)
        {
            _unreportedFailure ??= failure;
            _lastSeq = await store.GetLastSeqAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
        }

        if (reportFailure && _unreportedFailure is { } unreported)
        {
            _unreportedFailure = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unreported);
        }
    }

    private bool AppendFailed
    {
        get
        {
            lock (_deliveryLock)
            {
                return _appendFailure is not null || _unreportedFailure is not null;
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="subscriber"/> the session's connection: sends <c>connected</c> (built
    /// from the current last seq), replays events after <paramref name="lastSeq"/>, then goes live.
    /// A previous connection is told it was taken over.
    /// </summary>
    public async Task AttachAsync(ISessionSubscriber subscriber, long? lastSeq, Func<long, ReadOnlyMemory<byte>> connectedFrame, CancellationToken cancellationToken)
    {
        ISessionSubscriber? previous;
        await _publishLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSeqLoadedAsync().ConfigureAwait(false);
            // Everything published so far is stored before the replay reads the log; a failed
            // append is the turn's to report, not this connection's.
            await FlushLockedAsync(reportFailure: false).ConfigureAwait(false);
            subscriber.TryDeliver(connectedFrame(_lastSeq));
            if (lastSeq is { } after)
            {
                await ReplayLockedAsync(subscriber, after, cancellationToken).ConfigureAwait(false);
            }

            previous = _subscriber;
            _subscriber = subscriber;
        }
        finally
        {
            _publishLock.Release();
        }

        if (previous is not null && !ReferenceEquals(previous, subscriber))
        {
            previous.OnTakenOver();
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
            await ReplayLockedAsync(subscriber, lastSeq, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    /// <summary>Forgets <paramref name="subscriber"/> if it is still the attached one.</summary>
    public void Detach(ISessionSubscriber subscriber) =>
        Interlocked.CompareExchange(ref _subscriber, null, subscriber);

    public EnqueueResult Enqueue(TurnRequest request)
    {
        lock (_queueLock)
        {
            if (request.ClientMessageId is { } id && !_inFlightIds.Add(id))
            {
                return EnqueueResult.Duplicate;
            }

            if (_pending.Count >= maxQueuedTurns)
            {
                if (request.ClientMessageId is { } added)
                {
                    _inFlightIds.Remove(added);
                }

                return EnqueueResult.QueueFull;
            }

            _pending.Enqueue(request);
            if (!_workerRunning)
            {
                _workerRunning = true;
                _worker = Task.Run(DrainAsync);
            }

            return EnqueueResult.Queued;
        }
    }

    /// <summary>Cancels the running turn; false when none is running.</summary>
    public bool CancelCurrentTurn(CancelReason reason)
    {
        lock (_queueLock)
        {
            if (_currentTurn is null)
            {
                return false;
            }

            if (reason == CancelReason.Shutdown)
            {
                _pending.Clear();
            }

            _cancelReason = reason;
            _currentTurn.Cancel();
            return true;
        }
    }

    /// <summary>Completes when the queue has drained (used at shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_queueLock)
        {
            return _worker;
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            TurnRequest request;
            CancellationTokenSource turn;
            lock (_queueLock)
            {
                if (!_pending.TryDequeue(out request!))
                {
                    _workerRunning = false;
                    break;
                }

                _cancelReason = CancelReason.None;
                _currentTurn = turn = new CancellationTokenSource();
            }

            try
            {
                await processor.RunAsync(this, request, turn.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The processor reports turn failures itself; reaching here means even that
                // failed (e.g. the store is down). The worker must survive it, or every later
                // message of this session would wait forever.
                onTurnCrashed(this, ex);
            }
            finally
            {
                lock (_queueLock)
                {
                    _currentTurn = null;
                    if (request.ClientMessageId is { } id)
                    {
                        _inFlightIds.Remove(id);
                    }
                }

                turn.Dispose();
            }
        }

        onWorkerIdle(this);
    }

    private async Task ReplayLockedAsync(ISessionSubscriber subscriber, long after, CancellationToken cancellationToken)
    {
        while (after < _lastSeq)
        {
            var page = await store.GetEventsAsync(SessionId, after, ReplayPageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            foreach (var stored in page)
            {
                if (!await subscriber.DeliverAsync(stored.Frame, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                after = stored.Seq;
            }
        }
    }

    private async Task EnsureSeqLoadedAsync()
    {
        if (_lastSeq < 0)
        {
            _lastSeq = await store.GetLastSeqAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
            if (_resyncAfter >= 0 && _lastSeq > _resyncAfter && _subscriber is { } subscriber)
            {
                await ReplayLockedAsync(subscriber, _resyncAfter, CancellationToken.None).ConfigureAwait(false);
            }

            _resyncAfter = -1;
        }
    }

    private readonly record struct UnstoredEvent(ReadOnlyMemory<byte> Frame, Task Stored);
}
#pragma warning restore CA1001
