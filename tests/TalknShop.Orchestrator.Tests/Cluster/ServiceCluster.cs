using TalknShop.Orchestrator.Cluster;
using TalknShop.Orchestrator.Dynalite;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Cluster;

/// <summary>
/// The production topology on one machine: N service instances (processes, each on its own port
/// and data directory) on one dynalite table, with Debian's nginx in front (round robin, WebSocket
/// upgrade, the shipped <c>deploy/nginx/nginx.conf</c>). An instance can be killed with SIGKILL,
/// stopped with SIGTERM, and started again on its port, so nginx's upstream list stays valid.
/// </summary>
public sealed class ServiceCluster : IAsyncDisposable
{
    private readonly DynaliteProcess _dynalite;
    private readonly Dictionary<string, string> _settings;
    private readonly ServiceProcess?[] _instances;
    private readonly int[] _ports;
    private readonly TempDirectory[] _dataDirs;
    private NginxProcess? _nginx;

    private ServiceCluster(DynaliteProcess dynalite, Dictionary<string, string> settings, int size)
    {
        _dynalite = dynalite;
        _settings = settings;
        _instances = new ServiceProcess?[size];
        _ports = new int[size];
        _dataDirs = [.. Enumerable.Range(0, size).Select(_ => new TempDirectory())];
    }

    public int Size => _instances.Length;

    /// <summary>nginx's address: what shoppers connect to.</summary>
    public Uri BaseUri => _nginx?.BaseUri ?? throw new InvalidOperationException("the cluster has not started");

    public Uri ChatUri(string query) => new($"ws://127.0.0.1:{_nginx!.Port}/ws/chat?{query}");

    public ServiceProcess Instance(int index) => _instances[index] ?? throw new InvalidOperationException($"instance {index} is not running");

    public string DynamoDbEndpoint => _dynalite.Endpoint;

    public string Table => _settings["DYNAMODB_TABLE_NAME"];

    /// <summary>Starts dynalite, <paramref name="size"/> instances (in parallel) and nginx; <paramref name="extra"/> adds settings.</summary>
    public static async Task<ServiceCluster> StartAsync(int size, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extra = null)
    {
        var dynalite = await Task.Run(() => DynaliteProcess.Start(), cancellationToken);
        var settings = new Dictionary<string, string>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "cluster",
            ["DYNAMODB_CREATE_TABLE"] = "true",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = "us-east-1",
            ["RATE_LIMIT_PER_USER"] = "100000",
            ["MAX_CONVERSATION_MESSAGES"] = "10000",
            ["MAX_CONNECTIONS_PER_ADDRESS"] = "10000",
            ["SESSION_CREATE_LIMIT_PER_ADDRESS"] = "100000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var cluster = new ServiceCluster(dynalite, settings, size);
        try
        {
            // The first instance creates the table; the others start once it exists.
            await cluster.StartInstanceAsync(0, cancellationToken);
            await Task.WhenAll(Enumerable.Range(1, size - 1).Select(i => cluster.StartInstanceAsync(i, cancellationToken)));
            cluster._nginx = await Task.Run(() => NginxProcess.Start(cluster._ports), cancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>SIGKILL of one instance: no drain, nothing flushed.</summary>
    public void Kill(int index) => Instance(index).Kill();

    /// <summary>SIGTERM of one instance; completes when it has exited (false if it did not within <paramref name="timeout"/>).</summary>
    public Task<bool> TerminateAsync(int index, TimeSpan timeout)
    {
        var instance = Instance(index);
        instance.Terminate();
        return instance.WaitForExitAsync(timeout);
    }

    /// <summary>Starts the instance again on its port (after a kill or a termination).</summary>
    public async Task RestartAsync(int index, CancellationToken cancellationToken)
    {
        if (_instances[index] is { } old)
        {
            await old.DisposeAsync();
        }

        await StartInstanceAsync(index, cancellationToken);
    }

    /// <summary>The last lines of every instance and nginx's error log, for failure messages.</summary>
    public string Tails() =>
        string.Join("\n", _instances.Select((p, i) => $"--- instance {i}:\n{p?.Tail()}")) + $"\n--- nginx:\n{_nginx?.ErrorLog}";

    public async ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        foreach (var instance in _instances)
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        _dynalite.Dispose();
        foreach (var dir in _dataDirs)
        {
            dir.Dispose();
        }
    }

    private async Task StartInstanceAsync(int index, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string>(_settings) { ["DATA_DIR"] = _dataDirs[index].Path };
        _instances[index] = await ServiceProcess.StartAsync(env, cancellationToken, _ports[index] == 0 ? null : _ports[index]);
        _ports[index] = _instances[index]!.Port;
    }
}
