using System.Text.Json;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Cluster;

/// <summary>
/// Three instances on one dynalite behind nginx. Shoppers talk through nginx and their sockets
/// move between instances (closed and opened again, one instance SIGKILLed and restarted):
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
    public async Task ThreeInstancesThroughNginx_SocketsMovedBetweenMessagesAndAnInstanceKilled_EveryMessageEndsOnce()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var cluster = await ServiceCluster.StartAsync(3, timeout.Token);
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

        var served = await ConnectionsPerInstanceAsync(cluster);
        output.WriteLine($"sockets opened per instance: {string.Join(", ", served)}");
        Assert.All(shoppers, s => Assert.True(s.Log.Violations.Count == 0, string.Join('\n', s.Log.Violations)));
        Assert.All(served, n => Assert.True(n > 0, $"nginx sent no socket to an instance: {string.Join(", ", served)}"));
    }

    private static async Task<List<long>> ConnectionsPerInstanceAsync(ServiceCluster cluster)
    {
        var counts = new List<long>();
        for (var i = 0; i < cluster.Size; i++)
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
