using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// The hub's lease (stores shared by instances). It is taken once per hub, before anything is
/// replayed or run: a connection waits for it before it attaches, a turn before it starts, so a
/// message that arrives meanwhile waits in the queue. The registry makes a hub wait until the
/// previous hub of its session has released its lease. When the lease is lost (a renewal or a
/// write finds another instance's epoch) the hub stops writing, cancels its turn without another
/// write, closes its connection with <c>session_taken_over</c>, and the registry drops it.
/// </summary>
internal sealed partial class SessionHub
{
    private readonly SessionOwnership _ownership;
    private readonly Task _previousRelease;
    private readonly Action<SessionHub> _onLost;
    private readonly Lock _leaseLock = new();
    private Task<SessionLease>? _taking;
    private SessionLease? _lease;
    private bool _lost;

    /// <summary>The lease this hub holds, or null (not taken yet, or no lease with this store).</summary>
    public SessionLease? Lease { get { lock (_leaseLock) { return _lease; } } }

    public bool IsLost { get { lock (_leaseLock) { return _lost; } } }

    /// <summary>
    /// Takes the session's lease for this instance unless this hub holds it already; with
    /// <paramref name="verify"/>, a lease taken earlier is checked with the store first (a socket
    /// arriving here must not join a hub whose lease was taken elsewhere a moment ago). Returns
    /// true when the lease was taken by this call (the caller re-reads the record); throws
    /// <see cref="SessionLeaseLostException"/> when this hub lost it.
    /// </summary>
    public async Task<bool> EnsureOwnedAsync(bool verify, CancellationToken cancellationToken)
    {
        if (!_ownership.Leased)
        {
            return false;
        }

        Task<SessionLease> taking;
        bool taken;
        lock (_leaseLock)
        {
            if (_lost)
            {
                throw new SessionLeaseLostException(SessionId, _lease?.Epoch ?? 0);
            }

            taken = _taking is { IsCompletedSuccessfully: true };
            taking = _taking ??= TakeAsync();
        }

        SessionLease lease;
        try
        {
            lease = await taking.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SessionLeaseLostException)
        {
            // Another instance forced it at the same moment: the later socket wins.
            Lose();
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The store failed: the next socket or turn tries again.
            lock (_leaseLock)
            {
                if (ReferenceEquals(_taking, taking))
                {
                    _taking = null;
                }
            }

            throw;
        }

        if (taken && verify)
        {
            try
            {
                await _ownership.CheckAsync(lease, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionLeaseLostException)
            {
                Lose();
                throw;
            }
        }

        return !taken;
    }

    /// <summary>A renewal found the lease of <paramref name="epoch"/> taken by another instance.</summary>
    public void OnLeaseLost(long epoch)
    {
        lock (_leaseLock)
        {
            if (_lease?.Epoch != epoch)
            {
                return;
            }
        }

        Lose();
    }

    /// <summary>Gives the lease up once the hub is dropped (idle), after a take still under way. Never throws.</summary>
    public async Task ReleaseAsync()
    {
        Task<SessionLease>? taking;
        lock (_leaseLock)
        {
            if (_lost)
            {
                return;
            }

            _lost = true;
            taking = _taking;
        }

        if (taking is null)
        {
            return;
        }

        SessionLease lease;
        try
        {
            lease = await taking.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Never taken: nothing to give up.
            return;
        }

        await _ownership.ReleaseAsync(lease).ConfigureAwait(false);
    }

    private async Task<SessionLease> TakeAsync()
    {
        await _previousRelease.ConfigureAwait(false);
        var lease = await _ownership.TakeAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
        lock (_leaseLock)
        {
            _lease = lease;
        }

        // (Re)acquired: whatever this process remembered of the session may be older than what
        // the previous owner wrote. A new hub starts empty; this keeps it so should a hub ever
        // take its lease again.
        _lastSaved = null;
        return lease;
    }

    /// <summary>The lease is gone: stop writing, stop the turn without another write, close the connection, drop the hub.</summary>
    private void Lose()
    {
        lock (_leaseLock)
        {
            if (_lost)
            {
                return;
            }

            _lost = true;
        }

        _log.Stop(new SessionLeaseLostException(SessionId, Lease?.Epoch ?? 0));
        _turns.Stop(CancelReason.LeaseLost);
        _subscribers.Current?.OnTakenOver();
        _onLost(this);
    }
}
