using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// The socket's per-client limits: message rate per user, open sockets per user and per client
/// address, and sessions created per user and per address.
/// </summary>
internal sealed class UserLimits(IOptions<AuthOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _userConnections = Concurrent(options.Value.ConnectionsPerUser);
    private readonly PartitionedRateLimiter<string> _addressConnections = Concurrent(options.Value.ConnectionsPerAddress);
    private readonly PartitionedRateLimiter<string> _messages = FixedWindow(options.Value.MessagesPerMinute, options.Value.RateWindowSeconds);
    private readonly PartitionedRateLimiter<string> _userSessions = FixedWindow(options.Value.SessionsPerUser, options.Value.SessionCreateWindowSeconds);
    private readonly PartitionedRateLimiter<string> _addressSessions = FixedWindow(options.Value.SessionsPerAddress, options.Value.SessionCreateWindowSeconds);

    /// <summary>Takes one message permit; returns null when allowed, else how long to wait.</summary>
    public TimeSpan? TryMessage(string userId) => TryAcquire(_messages, userId);

    /// <summary>
    /// Takes one session-creation permit for the user and one for the address; null when allowed,
    /// else how long to wait. Both are checked before either is taken, so a refusal costs nothing.
    /// </summary>
    public TimeSpan? TryCreateSession(string userId, string address)
    {
        using (var userPeek = _userSessions.AttemptAcquire(userId, 0))
        using (var addressPeek = _addressSessions.AttemptAcquire(address, 0))
        {
            if (!userPeek.IsAcquired || !addressPeek.IsAcquired)
            {
                return Max(RetryAfter(userPeek), RetryAfter(addressPeek));
            }
        }

        return Max(TryAcquire(_userSessions, userId), TryAcquire(_addressSessions, address));
    }

    /// <summary>One of the user's open-socket slots (<c>MAX_CONNECTIONS_PER_USER</c>), held until the lease is disposed; null when all are taken.</summary>
    public RateLimitLease? TryOpenConnection(string userId) => _userConnections.AttemptAcquire(userId).IfAcquired();

    /// <summary>One of the address's open-socket slots (<c>MAX_CONNECTIONS_PER_ADDRESS</c>), held until the lease is disposed; null when all are taken.</summary>
    public RateLimitLease? TryOpenAddressConnection(string address) => _addressConnections.AttemptAcquire(address).IfAcquired();

    public void Dispose()
    {
        _userConnections.Dispose();
        _addressConnections.Dispose();
        _messages.Dispose();
        _userSessions.Dispose();
        _addressSessions.Dispose();
    }

    // Partitions whose permits are all back are dropped once idle, so one entry per user or
    // address lives only while it holds a socket.
    private static PartitionedRateLimiter<string> Concurrent(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 }));

    private static PartitionedRateLimiter<string> FixedWindow(int permits, double windowSeconds) =>
        PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromSeconds(windowSeconds),
                QueueLimit = 0,
            }));

    private static TimeSpan? TryAcquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    private static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

internal static class RateLimitLeases
{
    /// <summary>The lease when it was granted, else null (the refused lease disposed): a slot is held exactly while its lease is.</summary>
    public static RateLimitLease? IfAcquired(this RateLimitLease lease)
    {
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }
}
