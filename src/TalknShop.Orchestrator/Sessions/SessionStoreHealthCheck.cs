using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Probes the session store with a short timeout (unreachable: unhealthy) and reports failing
/// writes (a full disk, an outage the last turn met) as degraded.
/// </summary>
internal sealed class SessionStoreHealthCheck(ISessionStore store, SessionStoreWrites writes) : IHealthCheck
{
    // Below this a SQLite write (a WAL frame, a page) may not fit.
    private const long MinFreeBytes = 256 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            if (!await store.PingAsync(timeout.Token))
            {
                return HealthCheckResult.Unhealthy($"{store.Name} store not reachable");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{store.Name} store not reachable");
        }

        if (store is SqliteSessionStore sqlite && FreeBytes(sqlite.DatabasePath) is < MinFreeBytes)
        {
            return HealthCheckResult.Degraded($"{store.Name} store: disk full");
        }

        return writes.Failure is { } failure
            ? HealthCheckResult.Degraded($"{store.Name} store writes failing: {failure}")
            : HealthCheckResult.Healthy($"{store.Name} store reachable");
    }

    private static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(Path.GetDirectoryName(path)!).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
