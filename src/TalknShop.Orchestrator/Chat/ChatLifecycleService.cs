using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Turns;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// One heartbeat timer for all connections (not one per socket, so idle connections hold no
/// timer), and graceful shutdown. Shutdown runs in <see cref="StoppingAsync"/>, before the server
/// stops, because the server would otherwise wait for the open sockets to end by themselves.
/// </summary>
internal sealed class ChatLifecycleService(
    ConnectionRegistry connections, SessionHubRegistry hubs, IOptions<ChatOptions> options, TimeProvider time, ILogger<ChatLifecycleService> logger)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                connections.SendPings(time.GetUtcNow());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var open = connections.Snapshot().ToList();
        ChatLog.ShuttingDown(logger, open.Count);

        // Turns first: their state is saved (marked for re-run) before the sockets go.
        await hubs.StopAllAsync(ShutdownWait).ConfigureAwait(false);
        foreach (var connection in open)
        {
            connection.Close(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.ServerShutdown);
        }

        var deadline = time.GetUtcNow() + ShutdownWait;
        while (connections.Count > 0 && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
