using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// Whether this instance is draining (SIGTERM received). While it is, readiness (<c>/health</c>)
/// is unhealthy and new chat sockets are refused with 503, which nginx
/// (<c>proxy_next_upstream http_503</c>) and Kubernetes readiness both take as "go elsewhere".
/// </summary>
internal sealed class InstanceDrain
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void Begin() => _draining = true;
}

/// <summary>Readiness: unhealthy from the moment the instance drains, before any socket is closed.</summary>
internal sealed class DrainHealthCheck(InstanceDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("draining: shutting down, no new sockets")
            : HealthCheckResult.Healthy("accepting sockets"));
}

/// <summary>
/// First in the pipeline (a startup filter, so before the WebSocket middleware): a chat socket
/// that arrives while the instance drains is refused with 503 and <c>Retry-After: 0</c>.
/// </summary>
internal sealed class DrainStartupFilter(InstanceDrain drain) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (drain.IsDraining && context.Request.Path.StartsWithSegments("/ws", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "0";
                await TypedResults.Problem("This instance is shutting down; connect again.", statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Draining").ExecuteAsync(context);
                return;
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
