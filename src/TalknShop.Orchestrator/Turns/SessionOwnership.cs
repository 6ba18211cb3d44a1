using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// Session leases for the hubs of this process. Only a store shared by instances (DynamoDB) has
/// them: the instance that holds a session's socket or runs its turn takes the lease, forcing it
/// (the shopper is here, so this is the owner that counts), keeps it while the hub lives (one
/// timer renews every lease held, <see cref="SessionLeaseRenewal"/>) and gives it up when the hub
/// is dropped. A store that is its process's alone (SQLite, memory) needs none: <see cref="Leased"/> is false.
/// </summary>
internal sealed partial class SessionOwnership(ISessionStore store, IServiceProvider services, ILogger<SessionOwnership> logger)
{
    private static readonly TimeSpan ReleaseBound = TimeSpan.FromSeconds(5);

    public bool Leased { get; } = store is DynamoDbSessionStore;

    /// <summary>Takes the lease now, breaking another instance's; throws <see cref="SessionLeaseLostException"/> when another instance took it meanwhile.</summary>
    public Task<SessionLease> TakeAsync(string sessionId, CancellationToken cancellationToken) =>
        Leases.AcquireAsync(sessionId, LeaseTakeover.Force, cancellationToken);

    /// <summary>Extends the lease, which proves it is still ours; throws <see cref="SessionLeaseLostException"/> when it was taken.</summary>
    public Task<SessionLease> CheckAsync(SessionLease lease, CancellationToken cancellationToken) =>
        Leases.RenewAsync(lease, cancellationToken);

    /// <summary>Gives the lease up (best effort: an unreleased lease expires by itself, or the next owner forces it). Never throws.</summary>
    public async Task ReleaseAsync(SessionLease lease)
    {
        using var bound = new CancellationTokenSource(ReleaseBound);
        try
        {
            await Leases.ReleaseAsync(lease, bound.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ReleaseFailed(logger, ex, lease.SessionId, lease.Epoch);
        }
    }

    // Resolved only with the DynamoDB store: the lease service needs that store's client.
    private DynamoDbSessionLeases Leases => services.GetRequiredService<DynamoDbSessionLeases>();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not release the lease of session {SessionId} (epoch {Epoch}); it expires by itself")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, string sessionId, long epoch);
    }
}
