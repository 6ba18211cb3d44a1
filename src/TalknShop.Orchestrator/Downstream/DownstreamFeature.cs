using System.Net.Http;
using Amazon.S3;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Downstream.CatalogService;
using TalknShop.Orchestrator.Downstream.Media;

namespace TalknShop.Orchestrator.Downstream;

/// <summary>Typed clients of the media and catalog services, each switched on by its URL.</summary>
internal static class DownstreamFeature
{
    public const string HealthClient = "downstream-health";

    public static IHostApplicationBuilder AddDownstream(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<DownstreamOptions>();
        var options = builder.Configuration.Get<DownstreamOptions>() ?? new DownstreamOptions();
        var health = builder.Services.AddHealthChecks();
        builder.Services.AddHttpClient(HealthClient, c => c.Timeout = TimeSpan.FromSeconds(2));

        if (Uri.TryCreate(options.MediaServiceUrl, UriKind.Absolute, out var media))
        {
            // Each POST starts a paid job (Amazon Transcribe, Rekognition): retried only when it
            // never reached the service.
            AddResilientClient(builder, MediaServiceClient.TranscribeClient, media, TimeSpan.FromSeconds(options.TranscribeTimeoutSeconds), options.HttpMaxRetries, options, connectFailuresOnly: true);
            AddResilientClient(builder, MediaServiceClient.ImageClient, media, TimeSpan.FromSeconds(options.ImageTimeoutSeconds), options.HttpMaxRetries, options, connectFailuresOnly: true);
            builder.Services.AddSingleton<IAmazonS3>(sp => MediaObjectStore.CreateClient(sp.GetRequiredService<IOptions<DownstreamOptions>>().Value));
            builder.Services.AddSingleton<MediaObjectStore>();
            builder.Services.AddSingleton<IMediaService, MediaServiceClient>();
            health.Add(Probe("media_service", MediaServiceClient.Dependency, media, options));
        }
        else
        {
            builder.Services.AddSingleton<IMediaService, UnconfiguredMediaService>();
        }

        if (Uri.TryCreate(options.CatalogServiceUrl, UriKind.Absolute, out var catalog))
        {
            AddResilientClient(builder, CatalogServiceSource.HttpClientName, catalog, TimeSpan.FromSeconds(options.CatalogTimeoutSeconds), options.HttpMaxRetries, options, connectFailuresOnly: false);
            builder.Services.AddSingleton<CatalogServiceSource>();
            builder.Services.AddSingleton<IProductSource>(sp => sp.GetRequiredService<CatalogServiceSource>());
            health.Add(Probe("catalog_service", CatalogServiceSource.ServiceName, catalog, options));

            // The fan-out's per-source limit (5 s by default) is shorter than the service's own
            // marketplace call; unless set on purpose, it gives the service its full timeout.
            if (builder.Configuration["SEARCH_SOURCE_TIMEOUT_SECONDS"] is null)
            {
                builder.Services.PostConfigure<CatalogOptions>(o => o.SourceTimeoutSeconds = Math.Max(o.SourceTimeoutSeconds, options.CatalogTimeoutSeconds + 1));
            }
        }

        return builder;
    }

    private static void AddResilientClient(IHostApplicationBuilder builder, string name, Uri baseAddress, TimeSpan attemptTimeout, int retries, DownstreamOptions options, bool connectFailuresOnly)
    {
        builder.Services.AddHttpClient(name, c => c.BaseAddress = baseAddress)
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = attemptTimeout;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                o.Retry.MaxRetryAttempts = Math.Max(1, retries);
                if (retries == 0)
                {
                    o.Retry.ShouldHandle = _ => PredicateResult.False();
                }
                else if (connectFailuresOnly)
                {
                    o.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError });
                }

                o.TotalRequestTimeout.Timeout = attemptTimeout * (retries + 1) + TimeSpan.FromSeconds(retries + 1);
                o.CircuitBreaker.SamplingDuration = attemptTimeout * 2 > TimeSpan.FromSeconds(30) ? attemptTimeout * 2 : TimeSpan.FromSeconds(30);
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds);
                o.CircuitBreaker.MinimumThroughput = 4;
                o.CircuitBreaker.FailureRatio = 0.5;
            });
    }

    private static HealthCheckRegistration Probe(string name, string dependency, Uri baseAddress, DownstreamOptions options) =>
        // Degraded, not unhealthy: the orchestrator still answers without these services, so a
        // load balancer should not take it out of rotation because one of them is down.
        new(name, sp => new DownstreamHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<DependencyStatus>(), dependency, new Uri(baseAddress, options.HealthPath)),
            HealthStatus.Degraded, tags: null);
}

/// <summary>
/// Probes <c>GET {service}/health</c> with a 2-second timeout, and reports the latest real call's
/// failure when it is recent: the media service's <c>/health</c> answers while every job fails.
/// </summary>
internal sealed class DownstreamHealthCheck(IHttpClientFactory clients, DependencyStatus status, string dependency, Uri url) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string probe;
        var reachable = false;
        try
        {
            using var response = await clients.CreateClient(DownstreamFeature.HealthClient).GetAsync(url, cancellationToken).ConfigureAwait(false);
            reachable = response.IsSuccessStatusCode;
            probe = $"{url.Authority} answered {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            probe = $"{url.Authority} not reachable";
        }

        if (status.RecentFailure(dependency) is { } failure)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{failure.Reason} (last call; {probe})");
        }

        return reachable ? HealthCheckResult.Healthy(probe) : new HealthCheckResult(context.Registration.FailureStatus, probe);
    }
}
