namespace TalknShop.Orchestrator.Catalog.Ranking;

/// <summary>
/// Star rating shrunk toward a prior by review count, so a 5.0 from 3 buyers does not beat a 4.7
/// from 3,000. Shared by the catalog's default order and the ranker so both agree on "well rated".
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
