using System.Globalization;

namespace TalknShop.Orchestrator.Catalog.Taxonomy;

/// <summary>Three or four price bands per type from its price quantiles, on round numbers people say.</summary>
internal static class PriceBands
{
    private static readonly decimal[] NiceSteps = [1m, 1.5m, 2m, 2.5m, 3m, 4m, 5m, 6m, 7.5m];

    public static IReadOnlyList<PriceRange> From(IReadOnlyList<decimal> prices)
    {
        if (prices.Count == 0)
        {
            return [];
        }

        var sorted = prices.Order().ToArray();
        var quartiles = Cuts(sorted, [0.25, 0.5, 0.75]);
        var cuts = quartiles.Count == 3 ? quartiles : Cuts(sorted, [1 / 3.0, 2 / 3.0]);
        if (cuts.Count < 2)
        {
            var median = Nice(sorted[sorted.Length / 2]);
            cuts = [median, Nice(median * 2)];
        }

        var bands = new List<PriceRange> { new(null, cuts[0]) };
        for (var i = 1; i < cuts.Count; i++)
        {
            bands.Add(new(cuts[i - 1], cuts[i]));
        }

        bands.Add(new(cuts[^1], null));
        return bands;
    }

    /// <summary>The nearest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 times a power of ten: 849 → 750, 1,180 → 1,000.</summary>
    public static decimal Nice(decimal value)
    {
        if (value <= 1m)
        {
            return 1m;
        }

        var scale = 1m;
        while (scale * 10m <= value)
        {
            scale *= 10m;
        }

        var best = scale;
        foreach (var candidate in NiceSteps.Select(s => s * scale).Append(scale * 10m))
        {
            if (Math.Abs(candidate - value) < Math.Abs(best - value))
            {
                best = candidate;
            }
        }

        // 1.5m * 100m is 150.0m; parse back so the band reads "$150", not "$150.0", wherever it is shown.
        return decimal.Parse(best.ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static List<decimal> Cuts(decimal[] sorted, double[] quantiles) =>
        [.. quantiles.Select(q => Nice(sorted[(int)(q * (sorted.Length - 1))])).Distinct().Order()];
}
