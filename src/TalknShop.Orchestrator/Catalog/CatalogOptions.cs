using System.ComponentModel.DataAnnotations;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>Search settings, bound from the root configuration under the seed's environment variable names.</summary>
internal sealed class CatalogOptions
{
    /// <summary>How many ranked products a search returns to the shopper (<c>SEARCH_TOP_N</c>).</summary>
    [ConfigurationKeyName("SEARCH_TOP_N")]
    [Range(1, 100)]
    public int TopN { get; set; } = 10;

    /// <summary>
    /// How long one product source may take before the search goes on without it
    /// (<c>SEARCH_SOURCE_TIMEOUT_SECONDS</c>; fractions allowed).
    /// </summary>
    [ConfigurationKeyName("SEARCH_SOURCE_TIMEOUT_SECONDS")]
    [Range(0.01, 120)]
    public double SourceTimeoutSeconds { get; set; } = 5;

    /// <summary>How many candidates each source returns for ranking (<c>SEARCH_CANDIDATE_LIMIT</c>).</summary>
    [ConfigurationKeyName("SEARCH_CANDIDATE_LIMIT")]
    [Range(1, 5000)]
    public int CandidateLimit { get; set; } = 200;

    public TimeSpan SourceTimeout => TimeSpan.FromSeconds(SourceTimeoutSeconds);
}
