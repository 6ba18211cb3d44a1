using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>Probes the session store with a short timeout.</summary>
internal sealed class SessionStoreHealthCheck(ISessionStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await store.PingAsync(timeout.Token)
                ? HealthCheckResult.Healthy($"{store.Name} store reachable")
                : HealthCheckResult.Unhealthy($"{store.Name} store not reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{store.Name} store not reachable");
        }
    }
}
