using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>
/// Asks every <see cref="IProductSource"/> at once, each under its own timeout. A source that fails
/// or times out is named in <see cref="SearchResults.FailedSources"/> and the others' products are
/// still returned; only the caller's own cancellation stops the search.
/// </summary>
internal sealed class MarketplaceSearch(
    IEnumerable<IProductSource> sources,
    IOptions<CatalogOptions> options,
    ILogger<MarketplaceSearch> logger,
    TimeProvider timeProvider) : IMarketplaceSearch
{
    private readonly IProductSource[] _sources = [.. sources];

    public async Task<SearchResults> SearchAsync(RequirementSpec spec, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        var settings = options.Value;
        var searches = _sources.Select(source => SearchOneAsync(source, spec, settings, cancellationToken)).ToArray();
        var answers = await Task.WhenAll(searches);

        // A source may have lost the race with the caller's cancellation; the turn is cancelled, not partial.
        cancellationToken.ThrowIfCancellationRequested();

        var succeeded = answers.Where(a => a.Result is not null).Select(a => a.Result!).ToList();
        var failed = answers.Where(a => a.Result is null).Select(a => a.Source.Name).ToArray();

        // One answer from a source without repeats (the built-in catalog, the default) is already
        // merged: keying its up to 200 listings by id and title was a sixth of a search turn's CPU.
        var merged = succeeded.Count == 1 && answers.Single(a => a.Result is not null).Source.ListingsDistinct
            ? (Products: succeeded[0].Products, TotalMatched: Math.Max(succeeded[0].TotalCount, succeeded[0].Products.Count))
            : ProductMerger.Merge(succeeded);
        var marketplaces = ProductMerger.UnionMarketplaces(succeeded);

        if (_sources.Length > 0 && failed.Length == _sources.Length)
        {
            CatalogLog.AllSourcesFailed(logger, string.Join(", ", failed));
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        CatalogLog.SearchCompleted(logger, merged.Products.Count, _sources.Length, failed.Length, elapsed.TotalMilliseconds);
        return new SearchResults(merged.Products, merged.TotalMatched, spec, "", marketplaces, failed);
    }

    private async Task<(IProductSource Source, SearchResults? Result)> SearchOneAsync(
        IProductSource source, RequirementSpec spec, CatalogOptions settings, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.SourceTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Task<SearchResults>? search = null;
        try
        {
            // Task.Run: a source that works synchronously (SQLite) must not hold up the others.
            // WaitAsync: a source that ignores its token is abandoned at the deadline all the same.
            search = Task.Run(() => source.SearchAsync(spec, settings.CandidateLimit, linked.Token), linked.Token);
            var result = await search.WaitAsync(settings.SourceTimeout, timeProvider, cancellationToken);
            return (source, result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (source, null);
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && timeout.IsCancellationRequested))
        {
            CatalogLog.SourceTimedOut(logger, source.Name, settings.SourceTimeoutSeconds);
            ObserveLateFailure(search);
            return (source, null);
        }
        catch (Exception exception)
        {
            CatalogLog.SourceFailed(logger, source.Name, exception);
            return (source, null);
        }
    }

    /// <summary>An abandoned source may still fail later; observe it so it is not an unobserved task exception.</summary>
    private static void ObserveLateFailure(Task? search) =>
        search?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
