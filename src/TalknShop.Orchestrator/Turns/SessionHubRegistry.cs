using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// The live session hubs of this process. A hub exists while a connection holds a lease on it or
/// a turn runs; then it is dropped (giving up the session's lease, with a shared store), so idle
/// sessions cost nothing here. A hub whose lease another instance took is dropped at once.
/// </summary>
internal sealed class SessionHubRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionHub> _hubs = new(StringComparer.Ordinal);

    // Leases of dropped hubs still being given up: the session's next hub takes its lease after that.
    private readonly Dictionary<string, Task> _releasing = new(StringComparer.Ordinal);
    private readonly ISessionStore _store;
    private readonly TurnProcessor _processor;
    private readonly SessionStoreWrites _writes;
    private readonly TimeProvider _time;
    private readonly SessionOwnership _ownership;
    private readonly int _maxQueuedTurns;
    private readonly ILogger<SessionHubRegistry> _logger;

    public SessionHubRegistry(
        ISessionStore store, TurnProcessor processor, SessionStoreWrites writes, TimeProvider time, SessionOwnership ownership,
        HeldLeases held, IOptions<TurnOptions> options, ILogger<SessionHubRegistry> logger)
    {
        _store = store;
        _processor = processor;
        _writes = writes;
        _time = time;
        _ownership = ownership;
        _maxQueuedTurns = options.Value.MaxQueuedTurns;
        _logger = logger;
        held.Lost += OnLeaseLost;
    }

    public SessionHub Acquire(string sessionId)
    {
        lock (_gate)
        {
            if (!_hubs.TryGetValue(sessionId, out var hub))
            {
                hub = new SessionHub(sessionId, _store, _processor, _writes, _time, _maxQueuedTurns, _ownership,
                    _releasing.GetValueOrDefault(sessionId) ?? Task.CompletedTask, OnWorkerIdle,
                    (h, ex) => TurnsLog.TurnCrashed(_logger, ex, h.SessionId), Drop);
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

    private void OnLeaseLost(SessionLease lease)
    {
        SessionHub? hub;
        lock (_gate)
        {
            hub = _hubs.GetValueOrDefault(lease.SessionId);
        }

        hub?.OnLeaseLost(lease.Epoch);
    }

    private void OnWorkerIdle(SessionHub hub)
    {
        lock (_gate)
        {
            RemoveIfIdle(hub);
        }
    }

    /// <summary>The hub lost its lease: the session's next connection here gets a new hub, which takes the lease again.</summary>
    private void Drop(SessionHub hub)
    {
        lock (_gate)
        {
            if (_hubs.TryGetValue(hub.SessionId, out var current) && ReferenceEquals(current, hub))
            {
                _hubs.Remove(hub.SessionId);
            }
        }
    }

    private void RemoveIfIdle(SessionHub hub)
    {
        if (hub.Leases == 0 && !hub.IsTurnRunning && _hubs.TryGetValue(hub.SessionId, out var current) && ReferenceEquals(current, hub))
        {
            _hubs.Remove(hub.SessionId);
            if (_ownership.Leased)
            {
                var sessionId = hub.SessionId;
                var release = hub.ReleaseAsync();
                _releasing[sessionId] = release;
                _ = release.ContinueWith(done =>
                {
                    lock (_gate)
                    {
                        if (_releasing.TryGetValue(sessionId, out var pending) && ReferenceEquals(pending, done))
                        {
                            _releasing.Remove(sessionId);
                        }
                    }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
