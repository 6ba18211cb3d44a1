using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog.Generation;

/// <summary>
/// Keeps flagship lines plausible: an XPS, a MacBook Pro or a Galaxy S24 Ultra is not sold with the
/// type's cheapest memory, storage or processor, so for those lines the bottom third of every
/// price-setting attribute is never drawn (and the price follows the better parts).
/// </summary>
internal static class LineTier
{
    /// <summary>Attributes that move the price at least this much are the ones a flagship does not skimp on.</summary>
    private const double PriceSetting = 0.2;

    private static readonly string[] FlagshipWords =
    [
        "Pro", "Max", "Ultra", "XPS", "Spectre", "X1", "Zenbook", "ROG", "Zephyrus", "Blade", "Alienware", "Stealth", "Legion", "Surface Laptop 7",
    ];

    public static bool IsFlagship(ModelLine line) =>
        FlagshipWords.Any(w => (" " + line.Name + " ").Contains(" " + w + " ", StringComparison.Ordinal));

    /// <summary>The draw weights for <paramref name="attribute"/> on <paramref name="line"/>: the vocabulary's, minus a flagship's bottom third.</summary>
    public static double[] Weights(ModelLine line, AttributeDefinition attribute)
    {
        var weights = attribute.Weights.Select(w => (double)w).ToArray();
        if (!IsFlagship(line) || attribute.PriceWeight < PriceSetting || weights.Length < 3)
        {
            return weights;
        }

        for (var i = 0; i < weights.Length / 3; i++)
        {
            weights[i] = 0;
        }

        return weights;
    }
}
