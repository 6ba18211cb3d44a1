using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// A server under test in its own child process, so its /proc VmRSS is its own and not mixed
/// with the load generator's sockets and buffers.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ServerProcess(Process process, int port, string name)
    {
        _process = process;
        Port = port;
        Name = name;
    }

    public int Port { get; }

    public string Name { get; }

    public int Pid => _process.Id;

    public Uri ChatUri(string userId) => new($"ws://127.0.0.1:{Port}/ws/chat?user_id={userId}");

    public Uri EchoUri => new($"ws://127.0.0.1:{Port}/echo");

    /// <summary>The service's release build, with the given settings as environment variables.</summary>
    public static Task<ServerProcess> StartServiceAsync(IReadOnlyDictionary<string, string> env, string? dll = null)
    {
        if ((dll ?? ServiceDll) is { } other)
        {
            // `--service-dll`: another build of the service (e.g. a copy of main's output), to
            // measure before and after in one invocation.
            return StartAsync("service", Path.GetFullPath(other), [], env, Pinning.ServiceCpu);
        }

        // The service's own build output, not the copy in our bin: that one lacks its content
        // files (appsettings, catalog data). Building this project builds it in the same configuration.
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "TalknShop.slnx")))
        {
            root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root)) ?? throw new InvalidOperationException("TalknShop.slnx not found above the bench output");
        }

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var own = Path.Combine(root, "src", "TalknShop.Orchestrator", "bin", configuration, "net10.0", "TalknShop.Orchestrator.dll");
        return StartAsync("service", own, [], env, Pinning.ServiceCpu);
    }

    /// <summary>This very assembly in <c>echo-server</c> mode: the no-work baseline.</summary>
    public static Task<ServerProcess> StartEchoAsync() =>
        StartAsync("echo", typeof(ServerProcess).Assembly.Location, ["echo-server"], new Dictionary<string, string>
        {
            // The service runs server GC (Web SDK default); the baseline must too, or the memory
            // ratio compares GC modes instead of per-connection state.
            ["DOTNET_gcServer"] = "1",
        });

    /// <summary>Set by <c>--service-dll</c>: the service build to start instead of this repository's.</summary>
    public static string? ServiceDll { get; set; }

    private static async Task<ServerProcess> StartAsync(string name, string dll, string[] extraArgs, IReadOnlyDictionary<string, string> env, string? cpu = null)
    {
        var port = FreePort();
        // taskset execs dotnet in place, so the pid stays the server's own.
        var info = new ProcessStartInfo(cpu is null ? "dotnet" : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll),
        };
        if (cpu is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpu);
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(dll);
        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        // Drain the pipes so a chatty child never blocks on a full pipe buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"[{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port, name);
        await server.WaitListeningAsync();
        return server;
    }

    private async Task WaitListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                // Any HTTP answer means Kestrel is up; the service also has its catalog loaded
                // by then only if /alive waits for it, so callers warm up before measuring.
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/alive"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException($"{Name} did not start listening on port {Port}");
    }

    /// <summary>Resident set size in bytes, from /proc (Linux only, which is where we measure).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>
    /// CPU time the server has used (user + system, from /proc/&lt;pid&gt;/stat). Per turn it is a
    /// figure of the service alone, whatever else shares the cores: latency under contention is not.
    /// </summary>
    /// <summary>
    /// The service's managed allocations so far (the runtime's <c>dotnet.gc.heap.total_allocated</c>,
    /// read from its Prometheus endpoint), or null for a server without it (the echo).
    /// </summary>
    public async Task<long?> AllocatedBytesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/metrics/prometheus"));
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("dotnet_gc_heap_total_allocated_bytes_total", StringComparison.Ordinal))
                {
                    return long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (HttpRequestException)
        {
        }

        return null;
    }

    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // Fields after the command name (which may hold spaces, inside parentheses): utime is the 14th, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ, 100 on Linux
    }

    /// <summary>GC bytes allocated since the server started, from its /metrics JSON (both servers have one).</summary>
    public async Task<long> AllocatedBytesAsync(CancellationToken ct)
    {
        using var metrics = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/metrics"), ct));
        return metrics.RootElement.GetProperty("gc").GetProperty("total_allocated_bytes").GetInt64();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }

        _process.Dispose();
        _http.Dispose();
    }
}
