namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// The parsers' regexes use <c>\d</c>, which matches any script's decimal digits ("٣٠٠", "３００",
/// "५००"); <c>double.Parse</c> and <c>decimal.Parse</c> refuse those. Every matched number goes
/// through <see cref="ToAscii"/> first, so a shopper's digits are read, never a crash.
/// </summary>
internal static class Digits
{
    /// <summary>Each decimal digit becomes its ASCII digit, one char for one (match offsets stay right).</summary>
    public static string ToAscii(string number)
    {
        foreach (var c in number)
        {
            if (!char.IsAscii(c) && char.IsDigit(c))
            {
                return string.Create(number.Length, number, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        var d = source[i];
                        span[i] = char.IsAsciiDigit(d) || !char.IsDigit(d) ? d : (char)('0' + (int)char.GetNumericValue(d));
                    }
                });
            }
        }

        return number;
    }
}
