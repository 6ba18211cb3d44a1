using System.Text.Json;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Cluster;

/// <summary>
/// Three instances on one dynalite behind nginx. Shoppers talk through nginx and their sockets
/// move between instances (closed and opened again, one instance SIGKILLed and restarted, one
/// drained with SIGTERM):
/// every message ends exactly once, seqs are gapless per session, no <c>session_conflict</c>, and
/// a pending clarification is answered on whichever instance the answer arrives at.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const int Shoppers = 6;
    private const int MessagesPerShopper = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ThreeInstancesThroughNginx_SocketsMovedAnInstanceKilledAnotherDrained_EveryMessageEndsOnce()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var cluster = await ServiceCluster.StartAsync(3, timeout.Token, new Dictionary<string, string> { ["DRAIN_DELAY_SECONDS"] = "1", ["DRAIN_TIMEOUT_SECONDS"] = "20" });
        int? readiness = null;
        long onDrained = 0;
        var exited = false;
        var shoppers = Enumerable.Range(0, Shoppers).Select(i => new ClusterShopper(cluster, $"shopper{i}")).ToList();
        try
        {
            await Task.WhenAll(shoppers.Select(s => s.ReconnectAsync(timeout.Token)));
            for (var round = 0; round < MessagesPerShopper; round++)
            {
                if (round == MessagesPerShopper / 2)
                {
                    // Between rounds: instance 1 dies without a word and comes back on its port.
                    cluster.Kill(1);
                    await cluster.RestartAsync(1, timeout.Token);
                }

                await Task.WhenAll(shoppers.Select(async (s, i) =>
                {
                    await s.SendAndEndAsync(s.Next(round + i), timeout.Token);
                    await s.ReconnectAsync(timeout.Token);
                }));
            }

            // Last round: instance 2 gets SIGTERM while the messages run. It turns unready at once,
            // lets its turns end, closes its sockets with 1001 and exits; those shoppers reconnect elsewhere.
            foreach (var shopper in shoppers)
            {
                shopper.ServerCloses.Clear();
            }

            var draining = cluster.Instance(2);
            onDrained = await ActiveConnectionsAsync(draining);
            await Task.WhenAll(shoppers.Select((s, i) => s.SendAsync(s.Next(MessagesPerShopper + i), timeout.Token)));
            draining.Terminate();
            readiness = await ReadinessWhileDrainingAsync(draining, timeout.Token);

            await Task.WhenAll(shoppers.Select(s => s.ReadUntilEndedAsync(timeout.Token)));
            exited = await draining.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await Task.WhenAll(shoppers.Select(s => s.RecordServerCloseAsync()));

            foreach (var shopper in shoppers)
            {
                shopper.Log.CheckLog(await shopper.ReplayAllAsync(timeout.Token));
            }
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{string.Join("\n", shoppers.Select(s => s.Log.Describe()))}\n{cluster.Tails()}", ex);
        }
        finally
        {
            await Task.WhenAll(shoppers.Select(s => s.CloseAsync()));
        }

        Assert.Equal(503, readiness);
        Assert.True(exited, "the drained instance did not exit by itself");
        var closes = shoppers.SelectMany(s => s.ServerCloses).ToList();
        output.WriteLine($"sockets closed by the drain: {closes.Count} of {onDrained} on the drained instance ({string.Join(", ", closes.Distinct())})");
        Assert.Equal(onDrained, closes.Count);
        Assert.All(closes, c => Assert.Equal("EndpointUnavailable server_shutdown", c));
        var served = await ConnectionsPerInstanceAsync(cluster);
        output.WriteLine($"sockets opened per instance: {string.Join(", ", served)}");
        Assert.All(shoppers, s => Assert.True(s.Log.Violations.Count == 0, string.Join('\n', s.Log.Violations)));
        Assert.All(served, n => Assert.True(n > 0, $"nginx sent no socket to an instance: {string.Join(", ", served)}"));
    }

    /// <summary>Polls <c>/health</c> after the SIGTERM (the process handles it in its own time) until it is no longer 200.</summary>
    private static async Task<int> ReadinessWhileDrainingAsync(Infrastructure.ServiceProcess instance, CancellationToken cancellationToken)
    {
        using var http = instance.CreateHttpClient();
        while (true)
        {
            var status = (int)(await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken)).StatusCode;
            if (status != 200)
            {
                return status;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<long> ActiveConnectionsAsync(Infrastructure.ServiceProcess instance)
    {
        using var http = instance.CreateHttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement.GetProperty("active_connections").GetInt64();
    }

    /// <summary>Sockets opened per instance still running (the drained one has exited).</summary>
    private static async Task<List<long>> ConnectionsPerInstanceAsync(ServiceCluster cluster)
    {
        var counts = new List<long>();
        for (var i = 0; i < cluster.Size - 1; i++)
        {
            using var http = cluster.Instance(i).CreateHttpClient();
            var metrics = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;
            counts.Add(metrics.GetProperty("connections_opened").GetInt64());
        }

        return counts;
    }
}

/// <summary>The cluster tests run one at a time: each starts several processes on a shared machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTestGroup
{
    public const string Name = "cluster";
}
