using System.Globalization;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Reads money: "under $1000", "$200-300", "between 200 and 300", "around 50 bucks", "max 1.2k",
/// "500 or less". A number only counts as money with a currency sign or word, a "k", or a budget
/// cue around it; units ("16GB", "55 inch", "4 stars", "size 10") are claimed earlier.
/// </summary>
internal static partial class BudgetParser
{
    private const int MinimumBareAmount = 10;

    /// <param name="bareNumbersAreMoney">True when the shopper is answering a budget question ("800").</param>
    public static void Parse(TextScan scan, ParsedMessage into, bool bareNumbersAreMoney)
    {
        var tokens = scan.Free(AmountRegex()).Select(m => Token.From(m)).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var prefix = PrefixRegex().Match(scan.Before(token.Start));
            var prefixStart = token.Start - (scan.Before(token.Start).Length - prefix.Index);

            if (i + 1 < tokens.Count && TryRange(scan, token, tokens[i + 1], prefix, out var low, out var high))
            {
                into.MinPrice = Math.Min(low, high);
                into.MaxPrice = Math.Max(low, high);
                into.Currency ??= token.Currency ?? tokens[i + 1].Currency;
                scan.Consume(prefix.Success ? prefixStart : token.Start, tokens[i + 1].End - (prefix.Success ? prefixStart : token.Start));
                i++;
                continue;
            }

            var suffix = SuffixRegex().Match(scan.After(token.End));
            var kind = prefix.Success ? Kind(prefix) : suffix.Success ? Kind(suffix) : token.Approximate ? "around" : null;
            // "I don't want to spend more than 500": a negated floor is a ceiling, and the other way round.
            if (kind is "min" or "max" && prefix.Success && Negated(scan.Before(prefixStart)))
            {
                kind = kind == "min" ? "max" : "min";
            }

            if (kind is null && (token.HasCurrency || bareNumbersAreMoney))
            {
                kind = "max";
            }

            if (kind is null || (!token.HasCurrency && token.Value < MinimumBareAmount))
            {
                continue;
            }

            Apply(into, kind, token.Value);
            into.Currency ??= token.Currency;
            var start = prefix.Success ? prefixStart : token.Start;
            var end = suffix.Success ? token.End + suffix.Length : token.End;
            if (scan.IsFree(start, end - start))
            {
                scan.Consume(start, end - start);
            }
        }
    }

    private static bool TryRange(TextScan scan, Token first, Token second, Match prefix, out decimal low, out decimal high)
    {
        low = first.Value;
        high = second.Value;
        var gap = scan.Text[first.End..second.Start];
        var joiner = RangeJoinRegex().Match(gap);
        if (!joiner.Success)
        {
            return false;
        }

        var between = prefix.Success && prefix.Groups["range"].Success;
        if (joiner.Groups["and"].Success && !between)
        {
            return false;
        }

        // A bare "300-500" is a price range too, once units ("9-10 size", "16GB") are claimed.
        var bare = !joiner.Groups["and"].Success && first.Value >= MinimumBareAmount && second.Value > first.Value;
        if (!(first.HasCurrency || second.HasCurrency || between || prefix.Success || bare))
        {
            return false;
        }

        // "1-2k" means 1000-2000, "$500-2k" does not.
        if (second.HasThousands && !first.HasThousands && first.Value * 1000 <= second.Value)
        {
            low = first.Value * 1000;
        }

        return true;
    }

    private static bool Negated(string before)
    {
        var clause = before[(before.LastIndexOfAny([',', '.', ';', '!', '?']) + 1)..];
        return NegationRegex().IsMatch(clause);
    }

    private static string? CurrencyOf(Match m)
    {
        var sign = m.Groups["cur"].Success ? m.Groups["cur"].Value.Trim() : m.Groups["post"].Value;
        var word = m.Groups["word"].Value;
        return sign switch
        {
            "€" => "EUR",
            "£" => "GBP",
            "¥" => "JPY",
            "₹" => "INR",
            _ => word switch
            {
                "euro" or "euros" or "eur" => "EUR",
                "pound" or "pounds" or "gbp" or "quid" => "GBP",
                "yen" or "jpy" => "JPY",
                "rupee" or "rupees" or "inr" => "INR",
                "cad" => "CAD",
                "aud" => "AUD",
                _ => null,
            },
        };
    }

    private static string? Kind(Match cue) =>
        cue.Groups["max"].Success ? "max" :
        cue.Groups["min"].Success ? "min" :
        cue.Groups["around"].Success ? "around" :
        cue.Groups["range"].Success && cue.Groups["range"].Value == "from" ? "min" :
        cue.Groups["range"].Success ? "max" : null;

    private static void Apply(ParsedMessage into, string kind, decimal value)
    {
        switch (kind)
        {
            case "min":
                into.MinPrice = value;
                break;
            case "around":
                // "around $50" is a ±20% band: 40-60.
                into.MinPrice = Math.Round(value * 0.8m, 0);
                into.MaxPrice = Math.Round(value * 1.2m, 0);
                break;
            default:
                into.MaxPrice = value;
                break;
        }
    }

    /// <param name="Currency">ISO code when the shopper named a currency other than dollars, or null.</param>
    private sealed record Token(int Start, int End, decimal Value, bool HasCurrency, bool HasThousands, bool Approximate, string? Currency)
    {
        public static Token From(Match m)
        {
            var value = decimal.Parse(AsciiDigits(m.Groups["num"].Value), NumberStyles.Number, CultureInfo.InvariantCulture);
            var thousands = m.Groups["k"].Success;
            var currency = m.Groups["cur"].Success || m.Groups["post"].Success || m.Groups["word"].Success || thousands;
            return new Token(m.Index, m.Index + m.Length, thousands ? value * 1000 : value, currency, thousands, m.Groups["ish"].Success, CurrencyOf(m));
        }
    }

    /// <summary>An amount in ASCII digits without thousands separators (see <see cref="Digits.ToAscii"/>).</summary>
    private static string AsciiDigits(string number) => Digits.ToAscii(number).Replace(",", "", StringComparison.Ordinal);


    [GeneratedRegex(@"(?<![\w.$€£¥₹])(?<cur>[$€£¥₹]\s?)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<k>k|grand)\b)?(?:\s?(?<word>dollars?|bucks|usd|euros?|eur|pounds?|gbp|quid|yen|jpy|rupees?|inr|cad|aud)\b)?(?:\s?(?<post>[€£]))?(?<ish>ish\b)?(?![\w%])(?!\s*(?:miles?|km|kilomet(?:er|re)s?|hours?|hrs?|minutes?|mins?|years?|yrs?|months?|weeks?|days?|people|persons|kids|feet|ft|lbs?|kg|cups?|quarts?|qt|inch(?:es)?|gb|tb|mp|hz|times|x)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex AmountRegex();

    [GeneratedRegex(@"(?:(?<range>between|from)|(?<around>around|about|roughly|approximately|approx\.?|near|close\s+to|~|in\s+the\s+range\s+of|ballpark(?:\s+of)?)|(?<max>(?:nothing|not|no)\s+(?:over|above|more\s+than)|make\s+it|change\s+(?:it|that)\s+to|bump\s+(?:it\s+)?(?:up\s+)?to|raise\s+(?:it\s+)?to|lower\s+(?:it\s+)?to|drop\s+(?:it\s+)?to|go\s+up\s+to|under|below|less\s+than|cheaper\s+than|lower\s+than|max(?:imum)?|up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|within|budget|spend(?:ing)?|for|costs?|<)|(?<min>over|above|more\s+than|at\s+least|min(?:imum)?|starting\s+at|no\s+less\s+than|>))\s*(?:(?:is|of|:|=)\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixRegex();

    [GeneratedRegex(@"^\s*(?:(?<max>or\s+(?:less|under|below|cheaper)\b|max(?:imum)?\b|tops\b|at\s+most\b|budget\b|each\b)|(?<min>\+|or\s+(?:more|above|over|higher)\b|and\s+up\b|minimum\b|plus\b)|(?<around>or\s+so\b|give\s+or\s+take\b))", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixRegex();

    [GeneratedRegex(@"^\s*(?:-|to|through|(?<and>and))\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangeJoinRegex();

    [GeneratedRegex(@"\b(?:don'?t|do\s+not|doesn'?t|won'?t|can'?t|cannot|not|never|no)\b(?:\s+[\w']+){0,4}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NegationRegex();
}
