using System.Globalization;

namespace TalknShop.Orchestrator.Dynalite;

/// <summary>
/// A local DynamoDB-API server (npm <c>dynalite</c> from <c>tests/dynalite</c>, installed by
/// <c>test.sh</c>) on a loopback port, killed when disposed. Compiled into the test project (its
/// fixture) and the benchmark project (the store benchmarks).
/// </summary>
internal sealed class DynaliteProcess : IDisposable
{
    private readonly NodeServerProcess _server;

    private DynaliteProcess(NodeServerProcess server) => _server = server;

    public string Endpoint => _server.Endpoint;

    public int Port => _server.Port;

    /// <summary>
    /// Starts dynalite in memory, or with its tables on disk under <paramref name="dataPath"/> so
    /// a test can kill it and start it again on the same <paramref name="port"/> (a store outage).
    /// </summary>
    public static DynaliteProcess Start(string? dataPath = null, int? port = null) =>
        new(NodeServerProcess.Start("dynalite", "server.js", listenPort =>
        {
            List<string> arguments = ["--host", "127.0.0.1", "--port", listenPort.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0"];
            if (dataPath is not null)
            {
                arguments.AddRange(["--path", dataPath]);
            }

            return arguments;
        }, port));

    public void Dispose() => _server.Dispose();
}
