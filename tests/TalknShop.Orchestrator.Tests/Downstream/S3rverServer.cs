using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>
/// A real local S3-API server (npm <c>s3rver</c> from <c>tests/s3rver</c>, installed by
/// <c>test.sh</c>) on a free loopback port, with the media bucket created, storing in a temporary
/// directory. It checks SigV4 signatures against its own keys (<see cref="AccessKey"/>), so the
/// orchestrator's S3 requests are signed for real. Missing node or s3rver fails with a message.
/// </summary>
public sealed class S3rverServer : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "talknshop-media-storage";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _directory;

    public string Endpoint { get; private set; } = "";

    /// <summary>Orchestrator settings that read media from this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["AWS_ENDPOINT_URL_S3"] = Endpoint,
        ["S3_BUCKET_NAME"] = Bucket,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
    };

    public async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        // s3rver stores an aws-chunked body as it arrives (chunk headers included): upload plain.
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1", RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        });
        using var stream = new MemoryStream(bytes);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = stream, ContentType = contentType, UseChunkEncoding = false });
    }

    public async Task InitializeAsync()
    {
        var directory = FindDirectory();
        var cli = Path.Combine(directory, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"s3rver is not installed ({cli} is missing). Run `npm ci` in {directory} (./test.sh does this).");
        }

        _directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--configure-bucket", Bucket, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("node (20 or later) was not found on PATH; it runs s3rver for the media tests.", ex);
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = $"http://127.0.0.1:{port}";
        await WaitUntilListeningAsync(port);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by the dying process; the temp directory is the OS's to clean.
            }
        }

        return Task.CompletedTask;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < StartTimeout)
            {
                await Task.Delay(50);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"s3rver did not answer on port {port} within {StartTimeout.TotalSeconds} s: {Output()}", ex);
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

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "s3rver");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/s3rver was not found above " + AppContext.BaseDirectory);
    }
}
