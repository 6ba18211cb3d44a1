using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// One instance's ownership of a session on a shared store: who holds it, the fencing epoch
/// (raised by every acquisition), the last seq of the log when it was taken (<see cref="FenceSeq"/>:
/// events an older owner wrote after it are void), and until when it holds unless renewed.
/// </summary>
public sealed record SessionLease(string SessionId, string Owner, long Epoch, long FenceSeq, DateTimeOffset ExpiresAt);

/// <summary>What <c>AcquireAsync</c> does about a lease another instance still holds.</summary>
public enum LeaseTakeover
{
    /// <summary>Wait until it expires or is released (a restart, a dead instance).</summary>
    WaitForExpiry,

    /// <summary>Take it now: the shopper's socket is here, so this instance is the owner that counts.</summary>
    Force,
}

/// <summary>Another instance took the session's lease: this one must stop writing to it.</summary>
public sealed class SessionLeaseLostException(string sessionId, long epoch)
    : Exception($"Session {sessionId}: the lease of epoch {epoch} was taken by another instance.")
{
    public string SessionId { get; } = sessionId;
    public long Epoch { get; } = epoch;
}

/// <summary>Lease settings of a multi-instance deployment (DynamoDB store).</summary>
public sealed class SessionLeaseOptions
{
    /// <summary>
    /// Seconds a lease holds without renewal; renewed every third of it. After a crash, a session
    /// moves without a forced takeover at the latest after this long.
    /// </summary>
    [ConfigurationKeyName("SESSION_LEASE_SECONDS"), Range(1, 300)]
    public double LeaseSeconds { get; set; } = 10;

    public TimeSpan Duration => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan RenewInterval => Duration / 3;
}

/// <summary>
/// The leases this process holds, by session. The DynamoDB store fences every write of a session
/// listed here with its epoch, so an instance that lost a lease learns it from its next write.
/// </summary>
internal sealed class HeldLeases
{
    private readonly ConcurrentDictionary<string, SessionLease> _leases = new(StringComparer.Ordinal);

    /// <summary>
    /// This process's owner id: machine, process and a random part, so a restarted process on the
    /// same machine and data directory is a new owner (its predecessor's writes must not count as its own).
    /// </summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public int Count => _leases.Count;

    public SessionLease? Get(string sessionId) => _leases.TryGetValue(sessionId, out var lease) ? lease : null;

    public void Set(SessionLease lease) => _leases[lease.SessionId] = lease;

    /// <summary>Forgets the lease if it is still the one of <paramref name="epoch"/> (a newer acquisition stays).</summary>
    public void Remove(string sessionId, long epoch)
    {
        if (_leases.TryGetValue(sessionId, out var lease) && lease.Epoch == epoch)
        {
            _leases.TryRemove(new KeyValuePair<string, SessionLease>(sessionId, lease));
        }
    }

    public IReadOnlyList<SessionLease> Snapshot() => [.. _leases.Values];

    /// <summary>
    /// Raised when a renewal finds a lease taken by another instance, so the session's owner
    /// stops at once instead of on its next write (which, for an append above the new owner's
    /// position, could still succeed as a void event).
    /// </summary>
    public event Action<SessionLease>? Lost;

    /// <summary>Forgets <paramref name="lease"/> and tells the subscribers of <see cref="Lost"/>.</summary>
    public void ReportLost(SessionLease lease)
    {
        Remove(lease.SessionId, lease.Epoch);
        Lost?.Invoke(lease);
    }
}
