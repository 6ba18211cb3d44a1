using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Renews every lease this process holds, every third of the lease duration, from one timer (not
/// one per session). A renewal that finds the lease taken reports it (<see cref="HeldLeases.Lost"/>):
/// the session's owner here stops its turn and closes its socket. A renewal the store could not answer is
/// retried on the next tick: the fence, not the expiry, keeps two owners from both writing.
/// </summary>
internal sealed partial class SessionLeaseRenewal(
    HeldLeases held, IServiceProvider services, IOptions<SessionLeaseOptions> options, TimeProvider time, ILogger<SessionLeaseRenewal> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (held.Count == 0)
                {
                    continue;
                }

                var leases = services.GetRequiredService<DynamoDbSessionLeases>();
                await RenewAllAsync(leases, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task RenewAllAsync(DynamoDbSessionLeases leases, CancellationToken cancellationToken)
    {
        foreach (var lease in held.Snapshot())
        {
            try
            {
                await leases.RenewAsync(lease, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionLeaseLostException)
            {
                Log.LeaseLost(logger, lease.SessionId, lease.Epoch);
                held.ReportLost(lease);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Unreachable, refused, timed out (the SDK's HttpRequestException and timeouts are
                // not AmazonDynamoDBExceptions): a renewal failing must never stop this service,
                // or every lease would lapse.
                Log.RenewFailed(logger, ex, lease.SessionId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Lease of session {SessionId} (epoch {Epoch}) was taken by another instance")]
        public static partial void LeaseLost(ILogger logger, string sessionId, long epoch);

        [LoggerMessage(2, LogLevel.Warning, "Could not renew the lease of session {SessionId}; retrying on the next tick")]
        public static partial void RenewFailed(ILogger logger, Exception exception, string sessionId);
    }
}
