using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Cluster;

/// <summary>
/// Debian's nginx (<c>/usr/sbin/nginx</c>, or <c>NGINX_PATH</c>; <c>test.sh</c> installs it) as
/// the load balancer in front of local service instances: its own prefix and configuration in a
/// temporary directory, in the foreground, on a free loopback port, killed when disposed. The
/// configuration is <c>deploy/nginx/nginx.conf</c> (what docker compose runs) with the upstream
/// servers, the listen address and the file paths put in, so the tests exercise the shipped file.
/// Compiled into the test project and the benchmark project.
/// </summary>
internal sealed partial class NginxProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly string[] TempKinds = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];
    private readonly Process _process;
    private readonly string _prefix;

    private NginxProcess(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    /// <summary>Starts nginx balancing round robin over <paramref name="upstreamPorts"/> on 127.0.0.1.</summary>
    public static NginxProcess Start(IReadOnlyList<int> upstreamPorts)
    {
        var nginx = Environment.GetEnvironmentVariable("NGINX_PATH") is { Length: > 0 } configured ? configured : "/usr/sbin/nginx";
        if (!File.Exists(nginx))
        {
            throw new InvalidOperationException($"nginx is missing ({nginx}). Install Debian's nginx package (./test.sh does it when run as root) or set NGINX_PATH.");
        }

        var prefix = Directory.CreateTempSubdirectory("talknshop-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Started as root, nginx runs its workers as nobody: they must reach the temp paths.
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        }

        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        var port = FreePort();
        var conf = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(conf, Configuration(File.ReadAllText(ShippedConfiguration()), prefix, port, upstreamPorts));

        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", prefix, "-c", conf, "-e", Path.Combine(prefix, "error.log"), "-g", "daemon off; master_process on;" })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NginxProcess(process, prefix, port);
        var clock = Stopwatch.StartNew();
        while (!Accepts(port))
        {
            if (process.HasExited || clock.Elapsed > StartTimeout)
            {
                server.Dispose();
                lock (output)
                {
                    throw new InvalidOperationException($"nginx did not start on port {port}: {output}{server.ErrorLog}");
                }
            }

            Thread.Sleep(20);
        }

        return server;
    }

    /// <summary>
    /// The shipped configuration with this run's upstreams, port and paths: pid and temp files
    /// under the prefix (an unprivileged nginx cannot write Debian's defaults), no access log.
    /// </summary>
    internal static string Configuration(string shipped, string prefix, int port, IReadOnlyList<int> upstreamPorts)
    {
        var servers = string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"\n        server 127.0.0.1:{p};")));
        var conf = UpstreamBlock().Replace(shipped, $"upstream orchestrator {{{servers}\n    }}", 1);
        conf = ListenLine().Replace(conf, string.Create(CultureInfo.InvariantCulture, $"listen 127.0.0.1:{port};"), 1);
        var temp = Path.Combine(prefix, "temp");
        var paths = string.Join("\n", TempKinds.Select(t => $"    {t}_temp_path {Path.Combine(temp, t)};"));
        conf = HttpBlock().Replace(conf, $"http {{\n    access_log off;\n{paths}\n", 1);
        return $"pid {Path.Combine(prefix, "nginx.pid")};\nworker_processes 1;\n{conf}";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ShippedConfiguration()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "TalknShop.slnx")))
        {
            root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root)) ?? throw new InvalidOperationException("TalknShop.slnx not found above " + AppContext.BaseDirectory);
        }

        return Path.Combine(root, "deploy", "nginx", "nginx.conf");
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"upstream orchestrator \{[^}]*\}")]
    private static partial Regex UpstreamBlock();

    [GeneratedRegex(@"listen \d+;")]
    private static partial Regex ListenLine();

    [GeneratedRegex(@"http \{\n")]
    private static partial Regex HttpBlock();
}
