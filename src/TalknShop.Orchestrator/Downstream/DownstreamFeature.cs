using System.Net.Http;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Downstream.CatalogService;
using TalknShop.Orchestrator.Downstream.Media;

namespace TalknShop.Orchestrator.Downstream;

/// <summary>Clients of the media and catalog services, each switched on by its URL.</summary>
internal static class DownstreamFeature
{
    public const string HealthClient = "downstream-health";

    public static IHostApplicationBuilder AddDownstream(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddSettings<DownstreamOptions>();
        services.AddHttpClient(HealthClient, c => c.Timeout = TimeSpan.FromSeconds(2));

        // Each POST starts a paid job (Amazon Transcribe, Rekognition): retried only when it
        // never reached the service.
        AddResilientClient(services, MediaServiceClient.TranscribeClient, o => o.MediaServiceUrl, o => o.TranscribeTimeoutSeconds, connectFailuresOnly: true);
        AddResilientClient(services, MediaServiceClient.ImageClient, o => o.MediaServiceUrl, o => o.ImageTimeoutSeconds, connectFailuresOnly: true);
        AddResilientClient(services, CatalogServiceSource.HttpClientName, o => o.CatalogServiceUrl, o => o.CatalogTimeoutSeconds, connectFailuresOnly: false);

        services.AddSingleton<IAmazonS3>(sp => MediaObjectStore.CreateClient(Settings(sp)));
        services.AddSingleton<MediaObjectStore>();
        services.AddSingleton<MediaServiceClient>();
        services.AddSingleton<UnconfiguredMediaService>();
        services.AddSingleton<IMediaService>(sp => Url(Settings(sp).MediaServiceUrl) is null
            ? sp.GetRequiredService<UnconfiguredMediaService>() : sp.GetRequiredService<MediaServiceClient>());
        services.AddSingleton<CatalogServiceSource>();

        // A probe per configured service, decided from the validated options when health checks start.
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<DownstreamOptions>>((health, downstream) =>
        {
            var options = downstream.Value;
            if (Url(options.MediaServiceUrl) is { } media)
            {
                health.Registrations.Add(Probe("media_service", MediaServiceClient.Dependency, media, options));
            }

            if (Url(options.CatalogServiceUrl) is { } catalog)
            {
                health.Registrations.Add(Probe("catalog_service", CatalogServiceSource.ServiceName, catalog, options));
            }
        });

        // Which product sources exist is decided here, not when resolved: the fan-out takes every
        // registered IProductSource and DI cannot leave one out later. So this one setting is read
        // at registration; it is validated with the rest at start (CATALOG_SERVICE_URL is a [Url]).
        if (Url(builder.Configuration[DownstreamOptions.CatalogServiceUrlSetting]) is not null)
        {
            services.AddSingleton<IProductSource>(sp => sp.GetRequiredService<CatalogServiceSource>());

            // The fan-out's per-source limit (5 s by default) is shorter than the service's own
            // marketplace call; unless set on purpose, it gives the service its full timeout.
            services.AddOptions<CatalogOptions>().PostConfigure<IOptions<DownstreamOptions>, IConfiguration>((catalog, downstream, configuration) =>
            {
                if (configuration["SEARCH_SOURCE_TIMEOUT_SECONDS"] is null)
                {
                    catalog.SourceTimeoutSeconds = Math.Max(catalog.SourceTimeoutSeconds, downstream.Value.CatalogTimeoutSeconds + 1);
                }
            });
        }

        return builder;
    }

    private static DownstreamOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<DownstreamOptions>>().Value;

    private static Uri? Url(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

    /// <summary>A named client with the standard resilience handler, tuned from the validated options when first created.</summary>
    private static void AddResilientClient(
        IServiceCollection services, string name, Func<DownstreamOptions, string?> url, Func<DownstreamOptions, double> timeoutSeconds, bool connectFailuresOnly)
    {
        // Named, not typed (house style prefers typed clients; this is the exception, on purpose):
        // their users are singletons (MediaServiceClient, and CatalogServiceSource, which the
        // singleton fan-out holds as an IProductSource). A typed client is registered transient, so
        // one captured by a singleton keeps its first handler, and its DNS answers, for ever; a
        // singleton takes IHttpClientFactory instead and asks for a client per call, which rotates
        // handlers as the factory intends. Making the users transient would not help: the fan-out
        // would capture the source all the same.
        services.AddHttpClient(name, (sp, c) => c.BaseAddress = Url(url(Settings(sp))))
            .AddStandardResilienceHandler()
            .Configure((o, sp) =>
            {
                var options = Settings(sp);
                var attemptTimeout = TimeSpan.FromSeconds(timeoutSeconds(options));
                var retries = options.HttpMaxRetries;
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
