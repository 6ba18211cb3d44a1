using System.Globalization;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>Prices for people: "$1,299", "$24.99", "Under $500", "$500–$1,000", "Over $1,000".</summary>
internal static class PriceText
{
    public static string Amount(decimal amount, string currency = "USD")
    {
        var number = amount == decimal.Truncate(amount)
            ? amount.ToString("#,0", CultureInfo.InvariantCulture)
            : amount.ToString("#,0.00", CultureInfo.InvariantCulture);
        return currency.Equals("USD", StringComparison.OrdinalIgnoreCase) ? "$" + number : number + " " + currency;
    }

    /// <summary>A band as a suggestion the extractor reads back into the same band.</summary>
    public static string Band(PriceRange band) => (band.Min, band.Max) switch
    {
        ({ } min, { } max) when min > 0 => $"{Amount(min, band.Currency)}\u2013{Amount(max, band.Currency)}",
        (_, { } max) => $"Under {Amount(max, band.Currency)}",
        ({ } min, null) => $"Over {Amount(min, band.Currency)}",
        _ => "Any price",
    };

    /// <summary>"under $1,000", "between $200 and $300", "over $500", for sentences.</summary>
    public static string? Describe(PriceRange? price) => price switch
    {
        { Min: { } min, Max: { } max } => $"between {Amount(min, price.Currency)} and {Amount(max, price.Currency)}",
        { Max: { } max } => $"under {Amount(max, price.Currency)}",
        { Min: { } min } => $"over {Amount(min, price.Currency)}",
        _ => null,
    };
}
