using System.Text.Json;
using TalknShop.Orchestrator.Tests.CrashSafety;
using TalknShop.Orchestrator.Tests.Downstream;
using TalknShop.Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Cluster;

/// <summary>
/// Sessions moved between instances while a turn runs, on three instances behind nginx on one
/// dynalite. Every search waits at the catalog service (a fake that follows its real contract)
/// until the test lets it answer, so the move lands mid-turn for certain, without timing guesses.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class HandoverClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly CancellationTokenSource _timeout = new(Bound);
    private readonly TaskCompletionSource _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CatalogServiceFake _catalog = null!;

    public async Task InitializeAsync()
    {
        _catalog = await CatalogServiceFake.StartAsync();
        _catalog.Hold = _hold.Task;
    }

    public async Task DisposeAsync()
    {
        _hold.TrySetResult();
        await _catalog.DisposeAsync();
        _timeout.Dispose();
    }

    private Task<ServiceCluster> StartClusterAsync() => ServiceCluster.StartAsync(3, _timeout.Token, new Dictionary<string, string>
    {
        ["CATALOG_SERVICE_URL"] = _catalog.BaseUri.ToString(),
        ["SESSION_LEASE_SECONDS"] = "3",
    });

    [Fact]
    public async Task SessionOpenedOnAnotherInstanceMidTurn_OldSocketClosedTakenOver_NewOwnerFinishesTheTurn()
    {
        await using var cluster = await StartClusterAsync();
        var log = new ShopperLog();
        var message = log.Add("laptop under $700", "laptop", vague: false);
        await using var first = await ChatClient.ConnectAsync(cluster.ChatUri("user_id=taken"), cancellationToken: _timeout.Token);
        var connected = await first.ReceiveAsync(cancellationToken: _timeout.Token);
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;
        var owner = await InstanceWithSocketAsync(cluster);
        await first.SendMessageAsync(message.Text, message.Id, cancellationToken: _timeout.Token);

        // The turn reaches the catalog on its instance; the client has seen everything before it.
        while (true)
        {
            var frame = await first.ReceiveAsync(cancellationToken: _timeout.Token);
            log.Observe(frame);
            if (frame.Type() == "progress" && frame.Data().GetProperty("step").GetString() == "SearchMarketplaces")
            {
                break;
            }
        }

        await _catalog.Searches.WaitAsync(_timeout.Token);

        // The shopper's socket arrives at another instance (the load balancer's choice, made here).
        var other = (owner + 1) % cluster.Size;
        await using var second = await ChatClient.ConnectAsync(
            cluster.Instance(other).ChatUri($"user_id=taken&session_id={sessionId}&last_seq={log.LastSeq}"), cancellationToken: _timeout.Token);
        Assert.Equal("connected", (await second.ReceiveAsync(cancellationToken: _timeout.Token)).Type());

        // The new owner re-runs the turn and reaches the catalog too; then both searches answer.
        await _catalog.Searches.WaitAsync(_timeout.Token);
        _hold.TrySetResult();
        var onSecond = await second.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");
        onSecond.ForEach(log.Observe);
        var onFirst = await first.ReceiveUntilClosedAsync(_timeout.Token);

        try
        {
            Assert.Equal("session_taken_over", first.CloseDescription);
            Assert.Equal(["session_taken_over"], onFirst.Where(f => f.Type() == "error").Select(f => f.Code()));
            Assert.DoesNotContain(onFirst, f => f.Seq() is not null);
            Assert.Equal(1, log.Restarts);
            log.CheckLog(await ShopperDriver.ReplayAllAsync(cluster.ChatUri($"user_id=taken&session_id={sessionId}&last_seq=0"), _timeout.Token));
            Assert.True(log.Violations.Count == 0, string.Join('\n', log.Violations));
            Assert.Equal("done", message.EndType);
        }
        catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{log.Describe()}\n{cluster.Tails()}", ex);
        }
    }

    [Fact]
    public async Task InstanceKilledMidTurn_ShoppersReconnectThroughNginx_NoTurnLostNoneRunTwice()
    {
        const int shoppers = 6;
        await using var cluster = await StartClusterAsync();
        var clients = Enumerable.Range(0, shoppers).Select(i => new ClusterShopper(cluster, $"killed{i}")).ToList();
        try
        {
            await Task.WhenAll(clients.Select(c => c.ReconnectAsync(_timeout.Token)));
            var messages = clients.Select((c, i) => c.Log.Add($"laptop under ${650 + i}", "laptop", vague: false)).ToList();
            await Task.WhenAll(clients.Select((c, i) => c.SendAsync(messages[i], _timeout.Token)));

            // Every turn is accepted and waits at the catalog: instance 0 dies with its share of them.
            for (var i = 0; i < shoppers; i++)
            {
                await _catalog.Searches.WaitAsync(_timeout.Token);
            }

            var onKilled = await ActiveConnectionsAsync(cluster.Instance(0));
            cluster.Kill(0);
            _hold.TrySetResult();
            await Task.WhenAll(clients.Select(c => c.ReadUntilEndedAsync(_timeout.Token)));
            await cluster.RestartAsync(0, _timeout.Token);

            foreach (var client in clients)
            {
                client.Log.CheckLog(await client.ReplayAllAsync(_timeout.Token));
            }

            var moved = clients.Count(c => c.ServerCloses.Count > 0);
            output.WriteLine($"{onKilled} sockets on the killed instance; {moved} shoppers reconnected; {clients.Sum(c => c.Log.Restarts)} turns re-run by the new owner");
            Assert.True(onKilled > 0, "nginx sent no shopper to instance 0");
            Assert.Equal(onKilled, moved);
            Assert.Equal(moved, clients.Sum(c => c.Log.Restarts));
            Assert.All(clients, c => Assert.True(c.Log.Violations.Count == 0, string.Join('\n', c.Log.Violations)));
            Assert.All(messages, m => Assert.Equal("done", m.EndType));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{string.Join("\n", clients.Select(c => c.Log.Describe()))}\n{cluster.Tails()}", ex);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.CloseAsync()));
        }
    }

    /// <summary>The instance the only open socket went to.</summary>
    private static async Task<int> InstanceWithSocketAsync(ServiceCluster cluster)
    {
        for (var i = 0; i < cluster.Size; i++)
        {
            if (await ActiveConnectionsAsync(cluster.Instance(i)) == 1)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no instance has the socket");
    }

    private static async Task<long> ActiveConnectionsAsync(ServiceProcess instance)
    {
        using var http = instance.CreateHttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement.GetProperty("active_connections").GetInt64();
    }
}
