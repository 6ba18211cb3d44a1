using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Auth;

/// <summary>Per-user message rate and connection count (the socket's own limits).</summary>
internal sealed class UserLimits(IOptions<AuthOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<string> _messages = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.MessagesPerMinute,
            Window = TimeSpan.FromSeconds(options.Value.RateWindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>Takes one message permit; returns null when allowed, else how long to wait.</summary>
    public TimeSpan? TryMessage(string userId)
    {
        using var lease = _messages.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public bool TryOpenConnection(string userId)
    {
        var limit = options.Value.ConnectionsPerUser;
        while (true)
        {
            var current = _connections.GetValueOrDefault(userId);
            if (current >= limit)
            {
                return false;
            }

            if (current == 0 ? _connections.TryAdd(userId, 1) : _connections.TryUpdate(userId, current + 1, current))
            {
                return true;
            }
        }
    }

    public void CloseConnection(string userId)
    {
        while (_connections.TryGetValue(userId, out var current))
        {
            if (current <= 1 ? _connections.TryRemove(new KeyValuePair<string, int>(userId, current)) : _connections.TryUpdate(userId, current - 1, current))
            {
                return;
            }
        }
    }

    public void Dispose() => _messages.Dispose();
}
