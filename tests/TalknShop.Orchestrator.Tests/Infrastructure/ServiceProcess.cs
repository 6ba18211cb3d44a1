using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// The deployable (its own build output, content files and all) in a child process on a free
/// loopback port, so a test can kill it the way an operating system does: SIGKILL, no shutdown
/// hooks, nothing flushed. The last lines of its output go into failure messages.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public Uri ChatUri(string query) => new($"ws://127.0.0.1:{Port}/ws/chat?{query}");

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the service with <paramref name="env"/> and waits until it says it listens on its port
    /// and then answers <c>/alive</c>.
    /// </summary>
    /// <remarks>
    /// The service's own "Now listening on" line comes first, not a poll of the port: a free port is
    /// only free when it is picked, and another test's fake started meanwhile can take it. The polls
    /// then reached that fake (a model fake counted them as model calls) while this service exited on
    /// "address already in use". A picked port that is taken is picked again.
    /// </remarks>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken, int? port = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var service = StartOnce(env, port ?? FreePort());
            try
            {
                await service.WaitAliveAsync(cancellationToken);
                return service;
            }
            catch (InvalidOperationException) when (port is null && attempt < 3 && service.Tail().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await service.DisposeAsync();
            }
            catch
            {
                await service.DisposeAsync();
                throw;
            }
        }
    }

    private static ServiceProcess StartOnce(IReadOnlyDictionary<string, string> env, int port)
    {
        var dll = DeployableDll();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll),
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["LOG_LEVEL"] = "WARNING";
        // The host's "Now listening on" line, whatever LOG_LEVEL a test sets.
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>SIGTERM (what an orchestrator sends before it stops a container): the service drains and exits by itself.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    /// <summary>Waits until the process has exited; false when it is still running after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) =>
        _process.WaitForExitAsync().WaitAsync(timeout).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>The last lines the service wrote.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains($"Now listening on: http://127.0.0.1:{Port}", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 80)
            {
                _tail.Dequeue();
            }
        }
    }

    private async Task WaitAliveAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (!_listening.Task.IsCompleted && !_process.HasExited)
            {
                // Nothing is sent to the port before this process holds it (see StartAsync).
                await Task.WhenAny(_listening.Task, Task.Delay(50, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            if (_process.HasExited)
            {
                // Until the redirected output has reached its end, the last lines (the reason) may be missing.
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"the service exited with {_process.ExitCode}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/alive"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"the service did not answer /alive within {StartTimeout.TotalSeconds} s:\n{Tail()}");
    }

    /// <summary>
    /// The service's own build output (bin of src/TalknShop.Orchestrator in this test run's
    /// configuration): the copy in the test's bin lacks its content files. The test project
    /// references the service, so building the tests builds it.
    /// </summary>
    private static string DeployableDll()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "TalknShop.slnx")))
        {
            root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root)) ?? throw new InvalidOperationException("TalknShop.slnx not found above the test output");
        }

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(root, "src", "TalknShop.Orchestrator", "bin", configuration, "net10.0", "TalknShop.Orchestrator.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the service build output is missing: {dll}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
