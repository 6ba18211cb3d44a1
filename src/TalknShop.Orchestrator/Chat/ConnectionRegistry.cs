using System.Collections.Concurrent;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Chat;

/// <summary>Every open chat connection of this process, for the connection limit, heartbeats, shutdown and debugging.</summary>
internal sealed class ConnectionRegistry : ISessionConnections
{
    private readonly ConcurrentDictionary<string, ChatConnection> _connections = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Reserves a slot; false when <paramref name="limit"/> sockets are already open.</summary>
    public bool TryReserve(int limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref _count);
            if (current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _count, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Unreserve() => Interlocked.Decrement(ref _count);

    public void Add(ChatConnection connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(ChatConnection connection) => _connections.TryRemove(connection.ConnectionId, out _);

    public ICollection<ChatConnection> Snapshot() => _connections.Values;

    public int CountFor(string sessionId) => _connections.Values.Count(c => c.SessionId == sessionId);
}
