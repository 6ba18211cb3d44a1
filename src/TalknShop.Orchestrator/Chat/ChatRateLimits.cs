using System.Threading.RateLimiting;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// Per-socket frame and <c>resume</c> rates. Partitioned limiters keyed by connection id rather
/// than one limiter per socket: a partitioned limiter replenishes every partition from one timer,
/// so an idle connection holds no timer of its own, and partitions of closed sockets are dropped
/// once idle.
/// </summary>
internal sealed class ChatRateLimits(ChatOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _frames = PartitionedRateLimiter.Create<string, string>(id =>
        RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.FrameBurst,
            TokensPerPeriod = options.FramesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        }));

    private readonly PartitionedRateLimiter<string> _resumes = PartitionedRateLimiter.Create<string, string>(id =>
        RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.ResumesPerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / options.ResumesPerMinute),
            QueueLimit = 0,
        }));

    /// <summary>Null when the frame may be processed, else how long to wait.</summary>
    public TimeSpan? TryFrame(string connectionId) => TryAcquire(_frames, connectionId);

    /// <summary>Null when the <c>resume</c> may run, else how long to wait.</summary>
    public TimeSpan? TryResume(string connectionId) => TryAcquire(_resumes, connectionId);

    public void Dispose()
    {
        _frames.Dispose();
        _resumes.Dispose();
    }

    private static TimeSpan? TryAcquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }
}
