using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// The live session hubs of this process. A hub exists while a connection holds a lease on it or
/// a turn runs; then it is dropped, so idle sessions cost nothing here.
/// </summary>
internal sealed class SessionHubRegistry(
    ISessionStore store, TurnProcessor processor, SessionStoreWrites writes, TimeProvider time, IOptions<TurnOptions> options, ILogger<SessionHubRegistry> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionHub> _hubs = new(StringComparer.Ordinal);

    public SessionHub Acquire(string sessionId)
    {
        lock (_gate)
        {
            if (!_hubs.TryGetValue(sessionId, out var hub))
            {
                hub = new SessionHub(sessionId, store, processor, writes, time, options.Value.MaxQueuedTurns, OnWorkerIdle,
                    (h, ex) => TurnsLog.TurnCrashed(logger, ex, h.SessionId));
                _hubs.Add(sessionId, hub);
            }

            hub.Leases++;
            return hub;
        }
    }

    public void Release(SessionHub hub)
    {
        lock (_gate)
        {
            hub.Leases--;
            RemoveIfIdle(hub);
        }
    }

    /// <summary>Cancels every running turn for shutdown and waits (bounded) for them to save.</summary>
    public async Task StopAllAsync(TimeSpan wait)
    {
        List<SessionHub> hubs;
        lock (_gate)
        {
            hubs = [.. _hubs.Values];
        }

        foreach (var hub in hubs)
        {
            hub.CancelCurrentTurn(CancelReason.Shutdown);
        }

        await Task.WhenAll(hubs.Select(h => h.WhenIdleAsync())).WaitAsync(wait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void OnWorkerIdle(SessionHub hub)
    {
        lock (_gate)
        {
            RemoveIfIdle(hub);
        }
    }

    private void RemoveIfIdle(SessionHub hub)
    {
        if (hub.Leases == 0 && !hub.IsTurnRunning && _hubs.TryGetValue(hub.SessionId, out var current) && ReferenceEquals(current, hub))
        {
            _hubs.Remove(hub.SessionId);
        }
    }
}
