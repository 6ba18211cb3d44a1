using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Downstream.CatalogService;

/// <summary>
/// The remote catalog service as one more <see cref="IProductSource"/>:
/// <c>POST /api/v1/search/orchestrator</c> with <c>{requirement_spec, limit, marketplaces}</c> →
/// <c>{query, total_results, page, size, products}</c>.
/// Failures throw (the fan-out reports the source as failed), and are recorded with their reason
/// for <c>/health</c> and <c>/metrics</c>.
/// </summary>
internal sealed class CatalogServiceSource(
    IHttpClientFactory clients, IOptions<DownstreamOptions> options, OrchestratorMetrics metrics, DependencyStatus status,
    TimeProvider time, ILogger<CatalogServiceSource> logger) : IProductSource
{
    public const string HttpClientName = "catalog-service";
    public const string ServiceName = "catalog_service";

    /// <summary>Share of the turn's remaining time a search may use: the answer still has to be written after it.</summary>
    private const double BudgetShare = 0.5;

    public string Name => ServiceName;

    public async Task<SearchResults> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = CatalogServiceContract.Request(spec, Math.Min(limit, settings.CatalogLimit));
        if (request is null)
        {
            return SearchResults.Found(spec, [], 0, []);
        }

        var budget = TurnBudget.For(TimeSpan.FromSeconds(settings.CatalogTimeoutSeconds), BudgetShare);
        if (budget <= TimeSpan.Zero)
        {
            Failed("turn_budget", "No time was left in the turn for a catalog search.");
            throw new TimeoutException("No time was left in the turn for a catalog search.");
        }

        using var timeout = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await SearchCoreAsync(spec, request, settings.CatalogSearchPath, linked.Token).ConfigureAwait(false);
            metrics.DownstreamCall(Name, ok: true);
            status.Succeeded(Name);
            return result;
        }
        catch (CatalogServiceException ex)
        {
            Failed(ex.Code, ex.Message);
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DownstreamLog.CallError(logger, ex, Name, settings.CatalogSearchPath);
            var timedOut = timeout.IsCancellationRequested || ex is TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException;
            Failed(timedOut ? "timeout" : ex is JsonException ? "invalid_response" : "connection",
                timedOut ? $"The catalog service did not answer within {budget.TotalSeconds:0.#} s."
                : ex is JsonException ? "The catalog service answered with a body that is not its search response."
                : $"The catalog service could not be reached ({ex.GetType().Name}).");
            throw;
        }
    }

    private async Task<SearchResults> SearchCoreAsync(RequirementSpec spec, CatalogSearchRequest request, string path, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(path, request, DownstreamJsonContext.Default.CatalogSearchRequest, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            DownstreamLog.CallFailed(logger, Name, path, status);
            var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new CatalogServiceException(ServiceErrors.Code(status), ServiceErrors.Describe("catalog service", status, error));
        }

        var body = await response.Content.ReadFromJsonAsync(DownstreamJsonContext.Default.CatalogSearchResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The catalog service answered with an empty body.");
        var products = (body.Products ?? []).Select(p => CatalogServiceContract.Map(p, request.RequirementSpec.ProductType)).OfType<Product>().Take(request.Limit).ToList();
        var dropped = (body.Products?.Count ?? 0) - products.Count;
        if (dropped > 0)
        {
            DownstreamLog.ProductsDropped(logger, Name, dropped);
        }

        IReadOnlyList<string> marketplaces = request.Marketplaces ?? [CatalogServiceContract.ServedMarketplaces[0]];
        return SearchResults.Found(spec, products, Math.Max(body.TotalResults ?? products.Count, products.Count), marketplaces);
    }

    private void Failed(string code, string reason)
    {
        metrics.DownstreamCall(Name, ok: false);
        metrics.Fallback(Name, code);
        status.Failed(Name, reason);
    }
}

/// <summary>The catalog service answered with an error status; the message is for operators.</summary>
internal sealed class CatalogServiceException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
