using System.Globalization;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Spoken amounts as digits ("two hundred dollars" → "200 dollars", "a grand" → "1000"):
/// transcripts write numbers out far more often than typed text does.
/// </summary>
internal static partial class NumberWords
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["twelve"] = 12, ["fifteen"] = 15,
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    public static string ToDigits(string text)
    {
        text = ScaledRegex().Replace(text, m =>
        {
            var scale = m.Groups["m"].Value.Equals("hundred", StringComparison.OrdinalIgnoreCase) ? 100 : 1000;
            return (Units[m.Groups["n"].Value] * scale).ToString(CultureInfo.InvariantCulture);
        });
        return MoneyRegex().Replace(text, m =>
            Units[m.Groups["n"].Value].ToString(CultureInfo.InvariantCulture) + m.Groups["rest"].Value);
    }

    [GeneratedRegex(@"\b(?<n>a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|fifty)\s+(?<m>hundred|thousand|grand)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScaledRegex();

    [GeneratedRegex(@"\b(?<n>ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?<rest>\s+(?:dollars?|bucks))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyRegex();
}
