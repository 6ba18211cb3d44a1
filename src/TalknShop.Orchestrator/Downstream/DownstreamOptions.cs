using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Downstream;

/// <summary>
/// The media and catalog services. Each is off until its URL is set; the defaults of the HTTP
/// settings keep the original's names (<c>HTTP_TIMEOUT</c>, <c>HTTP_MAX_RETRIES</c>).
/// </summary>
public sealed class DownstreamOptions
{
    /// <summary>Base URL of the media service, e.g. <c>http://media-service:8001</c>; unset = no media processing.</summary>
    [ConfigurationKeyName("MEDIA_SERVICE_URL"), Url]
    public string? MediaServiceUrl { get; set; }

    [ConfigurationKeyName("MEDIA_TRANSCRIBE_PATH")]
    public string TranscribePath { get; set; } = "/transcribe";

    [ConfigurationKeyName("MEDIA_IMAGE_ATTRIBUTES_PATH")]
    public string ImageAttributesPath { get; set; } = "/extract-image-attributes";

    /// <summary>Seconds one transcription attempt may take (speech takes longer than the other calls).</summary>
    [ConfigurationKeyName("MEDIA_TRANSCRIBE_TIMEOUT"), Range(0.05, 600)]
    public double TranscribeTimeoutSeconds { get; set; } = 60;

    /// <summary>Base URL of the catalog service, e.g. <c>http://catalog-service:8002</c>; unset = built-in catalog only.</summary>
    [ConfigurationKeyName("CATALOG_SERVICE_URL"), Url]
    public string? CatalogServiceUrl { get; set; }

    /// <summary>The original catalog service served <c>/api/v1/search/orchestrator</c>.</summary>
    [ConfigurationKeyName("CATALOG_SEARCH_PATH")]
    public string CatalogSearchPath { get; set; } = "/search";

    /// <summary>Product details path; <c>{id}</c> is replaced by the escaped product id.</summary>
    [ConfigurationKeyName("CATALOG_PRODUCT_PATH")]
    public string CatalogProductPath { get; set; } = "/products/{id}";

    /// <summary>Seconds one attempt of any other downstream call may take.</summary>
    [ConfigurationKeyName("HTTP_TIMEOUT"), Range(0.05, 600)]
    public double HttpTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries after a failed attempt (5xx, 408, 429, timeouts, connection errors).</summary>
    [ConfigurationKeyName("HTTP_MAX_RETRIES"), Range(0, 10)]
    public int HttpMaxRetries { get; set; } = 2;

    /// <summary>Seconds the circuit stays open after too many failures.</summary>
    [ConfigurationKeyName("HTTP_CIRCUIT_BREAK_SECONDS"), Range(0.5, 3600)]
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Path probed by <c>/health</c> on each configured service.</summary>
    [ConfigurationKeyName("DOWNSTREAM_HEALTH_PATH")]
    public string HealthPath { get; set; } = "/health";
}
