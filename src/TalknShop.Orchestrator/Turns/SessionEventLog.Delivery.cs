namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// What the attached connection was sent, over every path (live after the store took it, a
/// commit, the replay of an attach or a resume), and the resync after a store failure that
/// sends it what the log holds beyond that.
/// </summary>
internal sealed partial class SessionEventLog
{
    private long _delivered = -1; // under the delivery lock: the last seq handed to the attached connection
    // Under the publish lock: a store failure happened, so the next time the last seq is read from
    // the store, the attached client gets what the log holds above _delivered (a write the store
    // applied though its answer was lost is in the log yet was never sent).
    private bool _resync;

    /// <summary>Hands a stored event to the attached connection and remembers its seq as delivered.</summary>
    private void DeliverLive(ReadOnlyMemory<byte> frame, long seq)
    {
        lock (_deliveryLock)
        {
            subscribers.Deliver(frame);
            _delivered = seq;
        }
    }

    /// <summary>Replays stored events after <paramref name="after"/>; returns the last seq delivered (<paramref name="after"/> when none).</summary>
    private async Task<long> ReplayLockedAsync(ISessionSubscriber subscriber, long after, CancellationToken cancellationToken)
    {
        while (after < _lastSeq)
        {
            var page = await store.GetEventsAsync(SessionId, after, ReplayPageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var stored in page)
            {
                if (!await subscriber.DeliverAsync(stored.Frame, cancellationToken).ConfigureAwait(false))
                {
                    return after;
                }

                after = stored.Seq;
            }
        }

        return after;
    }

    private async Task EnsureSeqLoadedAsync()
    {
        if (_lastSeq < 0)
        {
            await ReloadLastSeqLockedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Under the publish lock: reads the log's last seq from the store and, after a store failure,
    /// sends the attached client every stored event above the last one it got, in order, once.
    /// Why from what was delivered and not from a seq kept at the failure: by then the seq may
    /// already count events the store applied but never acknowledged (or appends still queued).
    /// </summary>
    private async Task ReloadLastSeqLockedAsync()
    {
        _lastSeq = await store.GetLastSeqAsync(SessionId, CancellationToken.None).ConfigureAwait(false);
        if (!_resync)
        {
            return;
        }

        ISessionSubscriber? subscriber;
        long delivered;
        lock (_deliveryLock)
        {
            subscriber = subscribers.Current;
            delivered = _delivered;
        }

        if (subscriber is not null && delivered >= 0 && _lastSeq > delivered)
        {
            long reached;
            try
            {
                reached = await ReplayLockedAsync(subscriber, delivered, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // Read again, and resync again, on the next use.
                _lastSeq = -1;
                throw;
            }

            lock (_deliveryLock)
            {
                if (ReferenceEquals(subscribers.Current, subscriber))
                {
                    _delivered = Math.Max(_delivered, reached);
                }
            }
        }

        _resync = false;
    }
}
