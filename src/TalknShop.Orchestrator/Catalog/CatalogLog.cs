namespace TalknShop.Orchestrator.Catalog;

/// <summary>Every log line of the catalog feature. User text (keywords) is logged at Debug only.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Catalog loaded: {ProductCount} products in {ElapsedMs:F0} ms")]
    public static partial void CatalogLoaded(ILogger logger, int productCount, double elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Catalog failed to load")]
    public static partial void CatalogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Built-in search for {ProductType} matched {TotalMatched}, returned {Returned} in {ElapsedMs:F1} ms (keywords: {Keywords}, ranked only: {RankedOnly})")]
    public static partial void BuiltInSearched(ILogger logger, string? productType, int totalMatched, int returned, double elapsedMs, string? keywords, bool rankedOnly);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Product source {Source} timed out after {TimeoutSeconds} s; continuing with partial results")]
    public static partial void SourceTimedOut(ILogger logger, string source, double timeoutSeconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Product source {Source} failed; continuing with partial results")]
    public static partial void SourceFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Marketplace search: {ProductCount} products from {SourceCount} sources ({FailedCount} failed) in {ElapsedMs:F0} ms")]
    public static partial void SearchCompleted(ILogger logger, int productCount, int sourceCount, int failedCount, double elapsedMs);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Every product source failed ({Sources})")]
    public static partial void AllSourcesFailed(ILogger logger, string sources);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Ignored attribute constraint {Key}: not a canonical key or no comparable value")]
    public static partial void AttributeIgnored(ILogger logger, string key);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Debug, Message = "Product type {ProductType} is not in the taxonomy; searching it as keywords")]
    public static partial void UnknownProductType(ILogger logger, string productType);
}
