using System.Globalization;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

/// <summary>How an attribute's string value is read.</summary>
internal enum AttributeKind
{
    /// <summary>A plain number stored as invariant text ("16", "15.6").</summary>
    Number,
    /// <summary>"true" or "false".</summary>
    Flag,
    /// <summary>Free text compared case-insensitively ("Silver", "running", "10.5", "M").</summary>
    Text,
    /// <summary>"1080p", "1440p", "4k" or "8k"; ordered by vertical pixels.</summary>
    Resolution,
}

/// <summary>
/// The canonical attribute keys. The names are a contract with the understanding layer, which
/// emits them in <see cref="RequirementSpec.Attributes"/>; do not rename.
/// </summary>
internal static class AttributeKeys
{
    public const string RamGb = "ram_gb";
    public const string StorageGb = "storage_gb";
    public const string ScreenInches = "screen_inches";
    public const string Color = "color";
    public const string Size = "size";
    public const string CapacityCups = "capacity_cups";
    public const string CapacityQuarts = "capacity_quarts";
    public const string Wireless = "wireless";
    public const string NoiseCancelling = "noise_cancelling";
    public const string Resolution = "resolution";
    public const string RefreshHz = "refresh_hz";
    public const string Megapixels = "megapixels";
    public const string BatteryHours = "battery_hours";
    public const string Processor = "processor";
    public const string ShoeType = "shoe_type";
    public const string Gender = "gender";
    public const string Material = "material";
    public const string WaterResistant = "water_resistant";

    public static readonly IReadOnlyDictionary<string, AttributeKind> Kinds = new Dictionary<string, AttributeKind>(StringComparer.Ordinal)
    {
        [RamGb] = AttributeKind.Number,
        [StorageGb] = AttributeKind.Number,
        [ScreenInches] = AttributeKind.Number,
        [Color] = AttributeKind.Text,
        [Size] = AttributeKind.Text,
        [CapacityCups] = AttributeKind.Number,
        [CapacityQuarts] = AttributeKind.Number,
        [Wireless] = AttributeKind.Flag,
        [NoiseCancelling] = AttributeKind.Flag,
        [Resolution] = AttributeKind.Resolution,
        [RefreshHz] = AttributeKind.Number,
        [Megapixels] = AttributeKind.Number,
        [BatteryHours] = AttributeKind.Number,
        [Processor] = AttributeKind.Text,
        [ShoeType] = AttributeKind.Text,
        [Gender] = AttributeKind.Text,
        [Material] = AttributeKind.Text,
        [WaterResistant] = AttributeKind.Flag,
    };

    public static bool IsCanonical(string key) => Kinds.ContainsKey(key);

    /// <summary>
    /// The numeric reading of a value, used for gte/lte on any attribute: plain numbers, shoe sizes,
    /// and resolutions by vertical pixels (so "4k" is at least "1440p").
    /// </summary>
    public static double? NumericValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().ToLowerInvariant();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return text switch
        {
            "720p" or "hd" => 720,
            "1080p" or "fhd" or "full hd" => 1080,
            "1440p" or "qhd" or "2k" => 1440,
            "2160p" or "4k" or "uhd" or "4k uhd" => 2160,
            "5k" => 2880,
            "4320p" or "8k" => 4320,
            _ => null,
        };
    }
}
