using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TalknShop.Orchestrator.Dynalite;

/// <summary>
/// A local server from an npm package folder under <c>tests/</c> (dynalite for DynamoDB, s3rver for
/// S3; <c>test.sh</c> runs <c>npm ci</c> in each), started with node on a loopback port and killed
/// when disposed. Compiled into the test project and the benchmark project. Missing node or a
/// missing package fails with a message saying how to fix it.
/// </summary>
internal sealed class NodeServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _output = new();
    private readonly ManualResetEventSlim _listening = new();

    private NodeServerProcess(Process process, string name, int port)
    {
        _process = process;
        _name = name;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>
    /// Runs <paramref name="script"/> (relative to <c>tests/<paramref name="package"/></c>)
    /// with the arguments <paramref name="arguments"/> gives for the port, on <paramref name="port"/> or a
    /// free one, and returns once the server says it listens on that port.
    /// </summary>
    /// <remarks>
    /// The server's own "listening on …:port" line is the signal, not a connection to the port: a
    /// free port is only free when it is picked, and another test's server started meanwhile can
    /// take it; the probe then reached that server while this one had exited on EADDRINUSE (a
    /// DynamoDB client got a Bedrock fake's answers). A picked port that is taken is picked again.
    /// </remarks>
    public static NodeServerProcess Start(string package, string script, Func<int, IEnumerable<string>> arguments, int? port = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = StartOnce(package, script, arguments, port ?? FreePort());
            if (server.WaitUntilListening(out var exited))
            {
                return server;
            }

            var output = server.Output();
            server.Dispose();
            if (exited && port is null && attempt < 3 && output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                continue;
            }

            throw exited
                ? new InvalidOperationException($"{package} exited before listening on port {server.Port}: {output}")
                : new TimeoutException($"{package} did not say it listens on port {server.Port} within {StartTimeout.TotalSeconds} s: {output}");
        }
    }

    private static NodeServerProcess StartOnce(string package, string script, Func<int, IEnumerable<string>> arguments, int listenPort)
    {
        var directory = FindPackageDirectory(package);
        var cli = Path.Combine(directory, script);
        if (!File.Exists(cli) || !Directory.Exists(Path.Combine(directory, "node_modules", package)))
        {
            throw new InvalidOperationException($"{package} is not installed ({cli} is missing). Run `npm ci` in {directory} (./test.sh does this).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments(listenPort))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"node (20 or later) was not found on PATH; it runs {package} for the tests and benchmarks (then run `npm ci` in {directory}).", ex);
        }

        var server = new NodeServerProcess(process, package, listenPort);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        _listening.Dispose();
    }

    /// <summary>True once the server printed that it listens on <see cref="Port"/>; false when it exited first or the time ran out.</summary>
    private bool WaitUntilListening(out bool exited)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_listening.Wait(TimeSpan.FromMilliseconds(50)))
            {
                exited = false;
                return true;
            }

            if (_process.HasExited)
            {
                // The output may still be arriving: give it a moment, then report it.
                _process.WaitForExit();
                exited = !_listening.IsSet;
                return _listening.IsSet;
            }
        }

        exited = false;
        return false;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        // dynalite: "Dynalite listening at: http://127.0.0.1:4567"; s3rver: "S3rver listening on 127.0.0.1:4568".
        if (line.Contains("listening", StringComparison.OrdinalIgnoreCase) && line.EndsWith(":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            _listening.Set();
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// <c>tests/<paramref name="package"/></c> above this assembly (BenchmarkDotNet runs a copy of the
    /// benchmarks under the bench project's <c>bin</c>) or above the current directory.
    /// </summary>
    private static string FindPackageDirectory(string package)
    {
        foreach (var from in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", package);
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            $"tests/{package}/package.json was not found above {AppContext.BaseDirectory}; run from the repository, after `npm ci` in tests/{package}.");
    }
}
