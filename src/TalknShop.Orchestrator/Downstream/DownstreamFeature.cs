using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using TalknShop.Orchestrator.Catalog;
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
            AddResilientClient(builder, MediaServiceClient.TranscribeClient, media, TimeSpan.FromSeconds(options.TranscribeTimeoutSeconds), options);
            AddResilientClient(builder, MediaServiceClient.ImageClient, media, TimeSpan.FromSeconds(options.HttpTimeoutSeconds), options);
            builder.Services.AddSingleton<IMediaService, MediaServiceClient>();
            health.Add(Probe("media_service", media, options));
        }
        else
        {
            builder.Services.AddSingleton<IMediaService, UnconfiguredMediaService>();
        }

        if (Uri.TryCreate(options.CatalogServiceUrl, UriKind.Absolute, out var catalog))
        {
            AddResilientClient(builder, CatalogServiceSource.HttpClientName, catalog, TimeSpan.FromSeconds(options.HttpTimeoutSeconds), options);
            builder.Services.AddSingleton<CatalogServiceSource>();
            builder.Services.AddSingleton<IProductSource>(sp => sp.GetRequiredService<CatalogServiceSource>());
            health.Add(Probe("catalog_service", catalog, options));
        }

        return builder;
    }

    private static void AddResilientClient(IHostApplicationBuilder builder, string name, Uri baseAddress, TimeSpan attemptTimeout, DownstreamOptions options)
    {
        builder.Services.AddHttpClient(name, c => c.BaseAddress = baseAddress)
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = attemptTimeout;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                // These POSTs only read (transcribe, analyse, search), so repeating one is safe.
                o.Retry.MaxRetryAttempts = Math.Max(1, options.HttpMaxRetries);
                if (options.HttpMaxRetries == 0)
                {
                    o.Retry.ShouldHandle = _ => PredicateResult.False();
                }

                o.TotalRequestTimeout.Timeout = attemptTimeout * (options.HttpMaxRetries + 1) + TimeSpan.FromSeconds(options.HttpMaxRetries);
                o.CircuitBreaker.SamplingDuration = attemptTimeout * 2 > TimeSpan.FromSeconds(30) ? attemptTimeout * 2 : TimeSpan.FromSeconds(30);
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds);
                o.CircuitBreaker.MinimumThroughput = 4;
                o.CircuitBreaker.FailureRatio = 0.5;
            });
    }

    private static HealthCheckRegistration Probe(string name, Uri baseAddress, DownstreamOptions options) =>
        // Degraded, not unhealthy: the orchestrator still answers without these services, so a
        // load balancer should not take it out of rotation because one of them is down.
        new(name, sp => new DownstreamHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), new Uri(baseAddress, options.HealthPath)), HealthStatus.Degraded, tags: null);
}

/// <summary>Probes <c>GET {service}/health</c> with a 2-second timeout.</summary>
internal sealed class DownstreamHealthCheck(IHttpClientFactory clients, Uri url) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(DownstreamFeature.HealthClient).GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{url.Authority} answered {(int)response.StatusCode}")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{url.Authority} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{url.Authority} not reachable");
        }
    }
}
