namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// What a search found, as one record from the product source to the <c>results</c> event: a source
/// answers with it (no <see cref="FinalResponse"/>, no <see cref="FailedSources"/>), the fan-out
/// merges the sources' answers into one, the flow keeps it in its saved state (ranked, with the
/// answer written) and the wire writes its fields as the event's data. The field order is the
/// <c>results</c> data's order on the wire.
/// </summary>
/// <param name="Products">Matching products: best text match first from a source, merged and de-duplicated from the fan-out, ranked once the answer is composed.</param>
/// <param name="TotalCount">How many products matched in all (may exceed <c>Products.Count</c>).</param>
/// <param name="RequirementSpec">The spec searched: the shopper's own, or the relaxed copy that found these.</param>
/// <param name="FinalResponse">The composed answer; empty until the flow writes it.</param>
/// <param name="MarketplacesSearched">Marketplaces covered, in the usual marketplace order once merged.</param>
/// <param name="FailedSources">Sources that failed or timed out (partial results when non-empty).</param>
public sealed record SearchResults(
    IReadOnlyList<Product> Products,
    int TotalCount,
    RequirementSpec RequirementSpec,
    string FinalResponse,
    IReadOnlyList<string> MarketplacesSearched,
    IReadOnlyList<string> FailedSources)
{
    /// <summary>One source's answer: no answer text yet, no failed source.</summary>
    public static SearchResults Found(RequirementSpec spec, IReadOnlyList<Product> products, int totalCount, IReadOnlyList<string> marketplacesSearched) =>
        new(products, totalCount, spec, "", marketplacesSearched, []);
}
