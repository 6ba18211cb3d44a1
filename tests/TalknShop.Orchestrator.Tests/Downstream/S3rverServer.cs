using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TalknShop.Orchestrator.Dynalite;

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

    private NodeServerProcess? _server;
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
        _directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
        _server = await Task.Run(() => NodeServerProcess.Start("s3rver", Path.Combine("node_modules", "s3rver", "bin", "s3rver.js"), port =>
            ["-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--configure-bucket", Bucket, "--silent"]));
        Endpoint = _server.Endpoint;
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
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
}
