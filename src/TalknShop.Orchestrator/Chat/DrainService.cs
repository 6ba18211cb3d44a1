using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// The drain on SIGTERM, before the chat shutdown (<see cref="ChatLifecycleService"/>) runs:
/// readiness turns unhealthy and new sockets are refused first; after <c>DRAIN_DELAY_SECONDS</c>,
/// every socket whose session has no turn running is closed with 1001 (the client reconnects at
/// once, through the load balancer, elsewhere), and the others as their turns end, for at most
/// <c>DRAIN_TIMEOUT_SECONDS</c>; what still runs after the bound is stopped, left to run again
/// wherever the shopper reconnects; then the leases this instance holds are released, so the next
/// instance takes them without waiting out their expiry.
/// </summary>
/// <remarks>Registered after <see cref="ChatLifecycleService"/>: hosts run the stopping hooks in reverse order, so this one goes first.</remarks>
internal sealed partial class DrainService(
    InstanceDrain drain, ConnectionRegistry connections, SessionHubRegistry hubs, HeldLeases held, IServiceProvider services,
    IOptions<DrainOptions> options, TimeProvider time, ILogger<DrainService> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private volatile bool _started;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            // The host failed to start (a bad setting): nothing to drain, and the services the
            // drain reads may already be gone.
            return;
        }

        drain.Begin();
        Log.Draining(logger, connections.Count, options.Value.Timeout.TotalSeconds);
        await Task.Delay(options.Value.Delay, time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var deadline = time.GetUtcNow() + options.Value.Timeout;
        while (connections.Count > 0 && time.GetUtcNow() < deadline)
        {
            foreach (var connection in connections.Snapshot().ToList())
            {
                if (!TurnRunning(connection.SessionId))
                {
                    connection.Close(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.ServerShutdown);
                }
            }

            await Task.Delay(Poll, time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // What still runs is stopped (left marked, to run again where the shopper reconnects)
        // before the leases go: a turn must not write after its lease was given up.
        await hubs.StopAllAsync(StopWait).ConfigureAwait(false);
        await ReleaseLeasesAsync().ConfigureAwait(false);
    }

    private bool TurnRunning(string sessionId)
    {
        // The connection holds the session's hub, so this finds it rather than making one.
        var hub = hubs.Acquire(sessionId);
        try
        {
            return hub.IsTurnRunning;
        }
        finally
        {
            hubs.Release(hub);
        }
    }

    private async Task ReleaseLeasesAsync()
    {
        var leases = held.Snapshot();
        if (leases.Count == 0)
        {
            return;
        }

        var store = services.GetRequiredService<DynamoDbSessionLeases>();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await Parallel.ForEachAsync(leases, bound.Token, async (lease, token) => await store.ReleaseAsync(lease, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Amazon.DynamoDBv2.AmazonDynamoDBException)
        {
            // They expire by themselves.
            Log.ReleaseFailed(logger, ex, leases.Count);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _started = true;
        return Task.CompletedTask;
    }
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Draining: {Connections} sockets, running turns get up to {Seconds} s")]
        public static partial void Draining(ILogger logger, int connections, double seconds);

        [LoggerMessage(2, LogLevel.Warning, "Could not release {Count} session leases at shutdown; they expire by themselves")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, int count);
    }
}
