using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Downstream;

/// <summary>
/// The media and catalog services. Each is off until its URL is set; routes, bodies and limits
/// default to what the services' own code defines, so no path setting is needed against them.
/// </summary>
public sealed class DownstreamOptions : AwsKeyOptions
{
    /// <summary>Base URL of the media service, e.g. <c>http://media-service:8001</c>; unset = no media processing.</summary>
    [ConfigurationKeyName("MEDIA_SERVICE_URL"), Url]
    public string? MediaServiceUrl { get; set; }

    [ConfigurationKeyName("MEDIA_TRANSCRIBE_PATH")]
    public string TranscribePath { get; set; } = "/api/v1/transcribe";

    [ConfigurationKeyName("MEDIA_IMAGE_ATTRIBUTES_PATH")]
    public string ImageAttributesPath { get; set; } = "/api/v1/extract-attributes";

    /// <summary>
    /// Seconds one transcription may take. The media service runs an Amazon Transcribe job and
    /// waits for it inside the request, which can take minutes; the turn's budget may cut it shorter.
    /// </summary>
    [ConfigurationKeyName("MEDIA_TRANSCRIBE_TIMEOUT"), Range(0.05, 600)]
    public double TranscribeTimeoutSeconds { get; set; } = 90;

    /// <summary>Seconds one image analysis (Amazon Rekognition behind the media service) may take.</summary>
    [ConfigurationKeyName("MEDIA_IMAGE_TIMEOUT"), Range(0.05, 600)]
    public double ImageTimeoutSeconds { get; set; } = 20;

    /// <summary>Bucket the clients upload media to; <c>s3_key</c>s name objects in it (the media service's <c>S3_BUCKET_NAME</c>).</summary>
    [ConfigurationKeyName("S3_BUCKET_NAME")]
    public string MediaBucket { get; set; } = "talknshop-media-storage";

    /// <summary>S3 endpoint override (a VPC endpoint, a local S3-API server); unset = AWS S3 in <c>AWS_REGION</c>.</summary>
    [ConfigurationKeyName("AWS_ENDPOINT_URL_S3"), Url]
    public string? S3EndpointUrl { get; set; }

    /// <summary>Region of the media bucket; unset = the AWS SDK's region chain, then <c>us-west-2</c>.</summary>
    [ConfigurationKeyName("AWS_REGION")]
    public string? AwsRegion { get; set; }


    /// <summary>
    /// Largest object sent to the media service, in bytes: its own limit (<c>MAX_FILE_SIZE</c>,
    /// 50 MB); the object travels base64-encoded in one JSON body.
    /// </summary>
    [ConfigurationKeyName("MEDIA_MAX_FILE_BYTES"), Range(1, 512L * 1024 * 1024)]
    public long MediaMaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Base URL of the catalog service, e.g. <c>http://catalog-service:8002</c>; unset = built-in catalog only.</summary>
    [ConfigurationKeyName(CatalogServiceUrlSetting), Url]
    public string? CatalogServiceUrl { get; set; }

    public const string CatalogServiceUrlSetting = "CATALOG_SERVICE_URL";

    /// <summary>The catalog service's route for orchestrator-shaped searches.</summary>
    [ConfigurationKeyName("CATALOG_SEARCH_PATH")]
    public string CatalogSearchPath { get; set; } = "/api/v1/search/orchestrator";

    /// <summary>
    /// Seconds one catalog search may take: the service calls its marketplace API inside the
    /// request (10–15 s is common). Also lifts <c>SEARCH_SOURCE_TIMEOUT_SECONDS</c> for it when that is not set.
    /// </summary>
    [ConfigurationKeyName("CATALOG_SERVICE_TIMEOUT"), Range(0.05, 600)]
    public double CatalogTimeoutSeconds { get; set; } = 25;

    /// <summary>Products asked for per search; the service's pagination allows at most 100 (more answers 500).</summary>
    [ConfigurationKeyName("CATALOG_SERVICE_LIMIT"), Range(1, 100)]
    public int CatalogLimit { get; set; } = 100;

    /// <summary>
    /// Retries after a failed catalog call (5xx, 408, 429, timeouts, connection errors). Media
    /// requests start paid jobs and are retried only when they never reached the service.
    /// </summary>
    [ConfigurationKeyName("HTTP_MAX_RETRIES"), Range(0, 10)]
    public int HttpMaxRetries { get; set; } = 2;

    /// <summary>Seconds the circuit stays open after too many failures.</summary>
    [ConfigurationKeyName("HTTP_CIRCUIT_BREAK_SECONDS"), Range(0.5, 3600)]
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Path probed by <c>/health</c> on each configured service.</summary>
    [ConfigurationKeyName("DOWNSTREAM_HEALTH_PATH")]
    public string HealthPath { get; set; } = "/health";
}
