namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// A session's user messages, run one at a time in arrival order by a worker that exists only
/// while there is work. A message whose <c>client_message_id</c> is queued or running is refused
/// as a duplicate; the running turn can be cancelled, and a shutdown also drops what waits.
/// </summary>
/// <param name="run">Runs one turn; failures it does not handle itself go to <paramref name="onCrashed"/>.</param>
/// <param name="onIdle">Called when the worker stops because the queue is empty.</param>
internal sealed class TurnQueue(
    int maxQueued, Func<TurnRequest, TurnCancellation, Task> run, Action onIdle, Action<Exception> onCrashed)
{
    private readonly Lock _lock = new();
    private readonly Queue<TurnRequest> _pending = new();
    private readonly HashSet<string> _inFlightIds = new(StringComparer.Ordinal);
    private TurnCancellation? _current;
    private bool _workerRunning;
    private Task _worker = Task.CompletedTask;

    public bool IsRunning { get { lock (_lock) { return _workerRunning; } } }

    public EnqueueResult Enqueue(TurnRequest request)
    {
        lock (_lock)
        {
            if (request.ClientMessageId is { } id && !_inFlightIds.Add(id))
            {
                return EnqueueResult.Duplicate;
            }

            if (_pending.Count >= maxQueued)
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

    /// <summary>Cancels the running turn; false when none is running. A shutdown also drops the waiting ones.</summary>
    public bool CancelCurrent(CancelReason reason)
    {
        lock (_lock)
        {
            if (_current is null)
            {
                return false;
            }

            if (reason == CancelReason.Shutdown)
            {
                _pending.Clear();
            }

            _current.Cancel(reason);
            return true;
        }
    }

    /// <summary>Drops the waiting turns and cancels the running one for good: the session moved to another instance.</summary>
    public void Stop(CancelReason reason)
    {
        lock (_lock)
        {
            _pending.Clear();
            _inFlightIds.Clear();
            _current?.Cancel(reason);
        }
    }

    /// <summary>Completes when the queue has drained (used at shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            return _worker;
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            TurnRequest request;
            TurnCancellation cancellation;
            lock (_lock)
            {
                if (!_pending.TryDequeue(out request!))
                {
                    _workerRunning = false;
                    break;
                }

                _current = cancellation = new TurnCancellation();
            }

            try
            {
                await run(request, cancellation).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The processor reports turn failures itself; reaching here means even that
                // failed (e.g. the store is down). The worker must survive it, or every later
                // message of this session would wait forever.
                onCrashed(ex);
            }
            finally
            {
                lock (_lock)
                {
                    _current = null;
                    if (request.ClientMessageId is { } id)
                    {
                        _inFlightIds.Remove(id);
                    }
                }

                cancellation.Dispose();
            }
        }

        onIdle();
    }
}

/// <summary>The cancellation of one running turn, and why it was cancelled.</summary>
internal sealed class TurnCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private int _reason;

    public CancellationToken Token => _source.Token;

    /// <summary><see cref="CancelReason.None"/> until the turn is cancelled; set before the token fires.</summary>
    public CancelReason Reason => (CancelReason)Volatile.Read(ref _reason);

    public void Cancel(CancelReason reason)
    {
        Volatile.Write(ref _reason, (int)reason);
        _source.Cancel();
    }

    public void Dispose() => _source.Dispose();
}
