using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Downstream.Media;

/// <summary>
/// Reads uploaded media from the bucket the clients upload to (<c>S3_BUCKET_NAME</c>): messages
/// name an <c>s3_key</c>, and the media service takes the file's bytes, not a key.
/// </summary>
internal sealed class MediaObjectStore(IAmazonS3 s3, IOptions<DownstreamOptions> options)
{
    /// <summary>The object's bytes; a <see cref="MediaFetchException"/> says why it could not be read.</summary>
    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = settings.MediaBucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > settings.MediaMaxBytes)
            {
                throw new MediaFetchException("too_large", $"{key} is {response.ContentLength:#,0} bytes, above the {settings.MediaMaxBytes:#,0}-byte limit (MEDIA_MAX_FILE_BYTES).");
            }

            var bytes = new byte[response.ContentLength];
            await response.ResponseStream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new MediaFetchException("not_found", $"s3://{settings.MediaBucket}/{key} does not exist ({ex.ErrorCode}).", ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw new MediaFetchException("storage_error", $"S3 answered {(int)ex.StatusCode} {ex.ErrorCode} for s3://{settings.MediaBucket}/{key}.", ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or IOException)
        {
            throw new MediaFetchException("storage_error", $"S3 could not be reached for s3://{settings.MediaBucket}/{key} ({ex.GetType().Name}).", ex);
        }
    }

    public static IAmazonS3 CreateClient(DownstreamOptions options)
    {
        var config = new AmazonS3Config { Timeout = TimeSpan.FromSeconds(30), MaxErrorRetry = 2 };
        var region = options.AwsRegion ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? "us-west-2";
        if (options.S3EndpointUrl is { Length: > 0 } endpoint)
        {
            // Local S3-API servers and most VPC endpoints serve buckets as path segments.
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return options.StaticCredentials() is { } keys ? new AmazonS3Client(keys, config) : new AmazonS3Client(config);
    }
}

/// <summary>An attachment could not be read from S3; <see cref="Code"/> is a metrics reason.</summary>
internal sealed class MediaFetchException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
