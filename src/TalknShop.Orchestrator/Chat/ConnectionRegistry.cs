using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Chat;

/// <summary>Every open chat connection of this process, for the connection limit, heartbeats, shutdown and debugging.</summary>
internal sealed class ConnectionRegistry(ChatOptions options) : ISessionConnections, IDisposable
{
    private readonly ConcurrentDictionary<string, ChatConnection> _connections = new(StringComparer.Ordinal);
    private readonly int _limit = options.MaxConcurrentConnections;
    private readonly ConcurrencyLimiter _slots = new(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentConnections, QueueLimit = 0 });

    /// <summary>Sockets holding a slot (opening, open or closing).</summary>
    public int Count
    {
        get
        {
            // Shutdown reads this while draining, and a host whose start failed may be stopped
            // after its container (and so the limiter) was disposed: then no socket holds a slot.
            try
            {
                return _limit - (int)_slots.GetStatistics()!.CurrentAvailablePermits;
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }
        }
    }

    /// <summary>One of the <c>WS_MAX_CONCURRENT_CONNECTIONS</c> slots, held until the lease is disposed; null when all are taken.</summary>
    public RateLimitLease? TryReserve() => _slots.AttemptAcquire().IfAcquired();

    public void Add(ChatConnection connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(ChatConnection connection) => _connections.TryRemove(connection.ConnectionId, out _);

    public ICollection<ChatConnection> Snapshot() => _connections.Values;

    /// <summary>
    /// The heartbeat of every open connection. Walks the dictionary instead of <see cref="Snapshot"/>,
    /// which copies every connection into a new array on each beat.
    /// </summary>
    public void SendPings(DateTimeOffset now)
    {
        foreach (var pair in _connections)
        {
            pair.Value.SendPing(now);
        }
    }

    public int CountFor(string sessionId) => _connections.Values.Count(c => c.SessionId == sessionId);

    public void Dispose() => _slots.Dispose();
}
