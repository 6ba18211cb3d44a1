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

    /// <summary>
    /// Whether the built-in catalog (generated demo listings) is searched (<c>BUILTIN_CATALOG_ENABLED</c>).
    /// Unset = on, unless a catalog service is configured: generated products must not be ranked
    /// against a deployment's real listings. Its taxonomy still serves the understanding layer.
    /// </summary>
    [ConfigurationKeyName("BUILTIN_CATALOG_ENABLED")]
    public bool? BuiltInEnabled { get; set; }

    /// <summary>Whether the built-in catalog is a search source, given whether a catalog service is configured.</summary>
    public bool SearchesBuiltIn(bool catalogServiceConfigured) => BuiltInEnabled ?? !catalogServiceConfigured;

    public TimeSpan SourceTimeout => TimeSpan.FromSeconds(SourceTimeoutSeconds);
}
