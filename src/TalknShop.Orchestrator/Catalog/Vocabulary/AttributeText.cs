using System.Globalization;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

/// <summary>Attribute values in words, for generated titles and descriptions and for <c>why_ranked</c>.</summary>
internal static class AttributeText
{
    /// <summary>A phrase for prose ("16 GB RAM", "15.6-inch screen"), or null when the value says nothing.</summary>
    public static string? Describe(string key, string value) => key switch
    {
        AttributeKeys.RamGb => $"{value} GB RAM",
        AttributeKeys.StorageGb => $"{Storage(value, " ")} storage",
        AttributeKeys.ScreenInches => $"{value}-inch screen",
        AttributeKeys.Color => $"{value.ToLowerInvariant()} color",
        AttributeKeys.Size => $"size {value}",
        AttributeKeys.CapacityCups => $"{value}-cup capacity",
        AttributeKeys.CapacityQuarts => $"{value}-quart capacity",
        AttributeKeys.Wireless => IsTrue(value) ? "wireless" : "wired",
        AttributeKeys.NoiseCancelling => IsTrue(value) ? "noise cancelling" : "no noise cancelling",
        AttributeKeys.Resolution => $"{ResolutionName(value)} resolution",
        AttributeKeys.RefreshHz => $"{value} Hz refresh rate",
        AttributeKeys.Megapixels => $"{value} MP camera",
        AttributeKeys.BatteryHours => $"{value}-hour battery",
        AttributeKeys.Processor => $"{value} processor",
        AttributeKeys.ShoeType => $"{value} shoe",
        AttributeKeys.Gender => value.Equals("unisex", StringComparison.OrdinalIgnoreCase) ? "unisex" : $"{value.ToLowerInvariant()}'s",
        AttributeKeys.Material => $"{value.ToLowerInvariant()} material",
        AttributeKeys.WaterResistant => IsTrue(value) ? "water resistant" : "not water resistant",
        _ => null,
    };

    /// <summary>A short phrase for titles ("16GB RAM", "4K UHD"), or null when titles leave it out.</summary>
    public static string? TitlePhrase(string type, string key, string value) => key switch
    {
        AttributeKeys.RamGb => $"{value}GB RAM",
        AttributeKeys.StorageGb => type == "laptop" ? $"{Storage(value, "")} SSD" : Storage(value, ""),
        AttributeKeys.ScreenInches => $"{value}-Inch",
        AttributeKeys.Color or AttributeKeys.Processor => value,
        AttributeKeys.Size => $"Size {value}",
        AttributeKeys.CapacityCups => $"{value}-Cup",
        AttributeKeys.CapacityQuarts => $"{value}-Quart",
        AttributeKeys.Wireless when type == "router" => null,
        AttributeKeys.Wireless when type == "vacuum" => IsTrue(value) ? "Cordless" : "Corded",
        AttributeKeys.Wireless => IsTrue(value) ? "Wireless" : "Wired",
        AttributeKeys.NoiseCancelling => IsTrue(value) ? "Noise Cancelling" : null,
        AttributeKeys.Resolution => ResolutionName(value) + (value == "4k" ? " UHD" : ""),
        AttributeKeys.RefreshHz => $"{value}Hz",
        AttributeKeys.Megapixels => $"{value}MP",
        AttributeKeys.BatteryHours => $"{value}-Hour Battery",
        AttributeKeys.Material => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value),
        AttributeKeys.WaterResistant => IsTrue(value) ? "Water-Resistant" : null,
        _ => null,
    };

    public static string ResolutionName(string value) => value.ToLowerInvariant() switch
    {
        "4k" => "4K",
        "8k" => "8K",
        var other => other,
    };

    private static bool IsTrue(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static string Storage(string value, string space) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var gb) && gb >= 1024
            ? $"{(gb / 1024).ToString(CultureInfo.InvariantCulture)}{space}TB"
            : $"{value}{space}GB";
}
