using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TalknShop.Orchestrator.Dynalite;

/// <summary>
/// A local DynamoDB-API server (npm <c>dynalite</c> from <c>tests/dynalite</c>, installed by
/// <c>test.sh</c>, in-memory) started with node on a free loopback port, and killed when disposed.
/// Compiled into the test project (its fixture) and the benchmark project (the store benchmarks).
/// Missing node or dynalite fails with a message saying how to fix it.
/// </summary>
internal sealed class DynaliteProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DynaliteProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public int Port { get; private init; }

    /// <summary>
    /// Starts dynalite in memory, or with its tables on disk under <paramref name="dataPath"/> so
    /// a test can kill it and start it again on the same <paramref name="port"/> (a store outage).
    /// </summary>
    public static DynaliteProcess Start(string? dataPath = null, int? port = null)
    {
        var directory = FindDynaliteDirectory();
        var cli = Path.Combine(directory, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is not installed ({cli} is missing). Run `npm ci` in {directory} (./test.sh does this).");
        }

        var listenPort = port ?? FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", listenPort.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        if (dataPath is not null)
        {
            start.ArgumentList.Add("--path");
            start.ArgumentList.Add(dataPath);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"node (20 or later) was not found on PATH; it runs dynalite for the DynamoDB store tests and benchmarks (then run `npm ci` in {directory}).", ex);
        }

        var server = new DynaliteProcess(process, $"http://127.0.0.1:{listenPort}") { Port = listenPort };
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.WaitUntilListening(listenPort);
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
    }

    private void WaitUntilListening(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
                Thread.Sleep(50);
            }
            catch (SocketException ex)
            {
                Dispose();
                throw new TimeoutException($"dynalite did not answer on port {port} within {StartTimeout.TotalSeconds} s: {Output()}", ex);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
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
    /// <c>tests/dynalite</c> above this assembly (BenchmarkDotNet runs a copy of the benchmarks under
    /// the bench project's <c>bin</c>) or above the current directory.
    /// </summary>
    private static string FindDynaliteDirectory()
    {
        foreach (var from in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "dynalite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            $"tests/dynalite/package.json was not found above {AppContext.BaseDirectory}; run from the repository, after `npm ci` in tests/dynalite.");
    }
}
