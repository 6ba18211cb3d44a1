using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// The socket's per-client limits: message rate per user, open sockets per user and per client
/// address, and sessions created per user and per address.
/// </summary>
internal sealed class UserLimits(IOptions<AuthOptions> options) : IDisposable
{
    private readonly ConnectionCounts _userConnections = new();
    private readonly ConnectionCounts _addressConnections = new();
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

    public bool TryOpenConnection(string userId) => _userConnections.TryOpen(userId, options.Value.ConnectionsPerUser);

    public void CloseConnection(string userId) => _userConnections.Close(userId);

    public bool TryOpenAddressConnection(string address) => _addressConnections.TryOpen(address, options.Value.ConnectionsPerAddress);

    public void CloseAddressConnection(string address) => _addressConnections.Close(address);

    public void Dispose()
    {
        _messages.Dispose();
        _userSessions.Dispose();
        _addressSessions.Dispose();
    }

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

    /// <summary>Open sockets per key, with a ceiling.</summary>
    private sealed class ConnectionCounts
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public bool TryOpen(string key, int limit)
        {
            while (true)
            {
                var current = _counts.GetValueOrDefault(key);
                if (current >= limit)
                {
                    return false;
                }

                if (current == 0 ? _counts.TryAdd(key, 1) : _counts.TryUpdate(key, current + 1, current))
                {
                    return true;
                }
            }
        }

        public void Close(string key)
        {
            while (_counts.TryGetValue(key, out var current))
            {
                if (current <= 1 ? _counts.TryRemove(new KeyValuePair<string, int>(key, current)) : _counts.TryUpdate(key, current - 1, current))
                {
                    return;
                }
            }
        }
    }
}
