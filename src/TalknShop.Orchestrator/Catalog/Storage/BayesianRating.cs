namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// Star rating shrunk toward a prior by review count, so a 5.0 from 3 buyers does not beat a 4.7
/// from 3,000. Defines the catalog's default order; the ranker reads it too, so both agree on "well rated" (ranking builds on storage, never the reverse).
/// </summary>
internal static class BayesianRating
{
    /// <summary>What an unknown product is assumed to rate.</summary>
    public const double PriorMean = 3.8;

    /// <summary>How many reviews the prior is worth.</summary>
    public const double PriorWeight = 40;

    public static double Of(double? rating, int reviewCount)
    {
        if (rating is not { } stars || reviewCount <= 0)
        {
            return PriorMean;
        }

        return ((PriorMean * PriorWeight) + (stars * reviewCount)) / (PriorWeight + reviewCount);
    }
}
