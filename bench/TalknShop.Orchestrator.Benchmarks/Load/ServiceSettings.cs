namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>The service's settings for a load run: limits raised so the run measures capacity, not policy.</summary>
internal sealed class ServiceSettings : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("talknshop-load-").FullName;

    public ServiceSettings(string store, int maxConcurrentTurns)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SESSION_STORE"] = store,
            ["DATA_DIR"] = _dataDir,
            ["LLM_PROVIDER"] = "offline",
            ["LOG_LEVEL"] = "WARNING",
            ["WS_MAX_CONCURRENT_CONNECTIONS"] = "20000",
            ["RATE_LIMIT_PER_USER"] = "100000",
            ["MAX_CONNECTIONS_PER_USER"] = "10000",
            ["MAX_CONNECTIONS_PER_ADDRESS"] = "100000",
            ["SESSION_CREATE_LIMIT_PER_USER"] = "1000000",
            ["SESSION_CREATE_LIMIT_PER_ADDRESS"] = "1000000",
            ["MAX_CONCURRENT_GRAPH_EXECUTIONS"] = maxConcurrentTurns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_QUEUED_GRAPH_EXECUTIONS"] = "100000",
        };
        Environment = environment;
        // The cluster mode sets its own DynamoDB endpoint; `--store dynamodb` goes through the proxy.
        if (store == "dynamodb" && StoreProxy?.Endpoint is { } endpoint)
        {
            environment["DYNAMODB_ENDPOINT"] = endpoint.ToString().TrimEnd('/');
            environment["DYNAMODB_CREATE_TABLE"] = "true";
            // Each service process its own table, so a run never reads an earlier run's sessions.
            environment["DYNAMODB_TABLE_NAME"] = "load-" + Guid.NewGuid().ToString("N")[..12];
        }
    }

    /// <summary>dynalite behind the delaying proxy, for <c>--store dynamodb</c> (one per invocation).</summary>
    public static DynamoDbDelayProxy? StoreProxy { get; set; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting child: the OS temp cleaner gets it later.
        }
    }
}
