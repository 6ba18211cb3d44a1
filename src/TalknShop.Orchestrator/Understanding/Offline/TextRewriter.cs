using System.Text;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Puts a message into the words the parsers know before they run: Spanish, French and German
/// shopping words into English (only when the message is in one of those languages), shopper
/// shorthand ("ps5") into the catalog's spelling, and typos into the catalog word they were meant as.
/// </summary>
internal sealed partial class TextRewriter(FuzzyWords fuzzy)
{
    // Words that are English too, so they alone do not make a message foreign.
    private static readonly HashSet<string> SharedWithEnglish = new(StringComparer.Ordinal)
    {
        "laptop", "notebook", "smartphone", "tablet", "monitor", "portable", "mixer", "handy", "tele", "bis", "sin", "entre",
        "von", "und", "euro", "euros", "television", "rucksack", "smartwatch", "kein", "casque",
    };

    private static readonly HashSet<string> ForeignMarkers = new(StringComparer.Ordinal)
    {
        "el", "los", "las", "una", "unos", "para", "por", "con", "que", "quiero", "busco", "necesito", "le", "les", "une", "des",
        "pour", "avec", "je", "du", "ein", "eine", "einen", "ich", "der", "die", "das", "mit", "fur", "suche", "aber", "nicht",
        "mais", "pas", "pero",
    };

    private static readonly Regex PhraseRegex = new(
        @"(?<![\p{L}\d'])(?:" + string.Join('|', ForeignTerms.Phrases.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\p{L}\d])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex AliasRegex = new(
        @"(?<![\p{L}\d])(?:" + string.Join('|', ForeignTerms.Aliases.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\p{L}\d])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);

    public string Rewrite(string raw)
    {
        var folded = Fold(raw);
        var text = IsForeign(folded) ? Replace(raw, folded, PhraseRegex, m => ForeignTerms.Phrases[m.Value]) : raw;
        text = AliasRegex.Replace(text, m => ForeignTerms.Aliases[m.Value.ToLowerInvariant()]);
        return RepairTypos(text);
    }

    private string RepairTypos(string text)
    {
        var words = WordRegex().Matches(text);
        if (words.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        var at = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var lower = word.Value.ToLowerInvariant();
            string? repair = null;
            var span = 1;
            // Two words that together are one catalog phrase: "air friar", "smart wach".
            if (i + 1 < words.Count && text[(word.Index + word.Length)..words[i + 1].Index] == " "
                && !(fuzzy.IsKnown(lower) && fuzzy.IsKnown(words[i + 1].Value.ToLowerInvariant())))
            {
                var joined = lower + words[i + 1].Value.ToLowerInvariant();
                if (joined.Length >= 8 && fuzzy.Repair(joined) is { } pair && pair.Contains(' ', StringComparison.Ordinal))
                {
                    (repair, span) = (pair, 2);
                }
            }

            repair ??= fuzzy.Repair(lower);
            if (repair is null)
            {
                continue;
            }

            var end = words[i + span - 1].Index + words[i + span - 1].Length;
            builder.Append(text, at, word.Index - at).Append(repair);
            at = end;
            i += span - 1;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    private static bool IsForeign(string folded)
    {
        foreach (Match word in FoldedWordRegex().Matches(folded))
        {
            if (ForeignMarkers.Contains(word.Value)
                || (ForeignTerms.Phrases.ContainsKey(word.Value) && !SharedWithEnglish.Contains(word.Value)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces matches found in <paramref name="folded"/> (same length as <paramref name="raw"/>), keeping the rest of <paramref name="raw"/> as written.</summary>
    private static string Replace(string raw, string folded, Regex regex, Func<Match, string> replacement)
    {
        var builder = new StringBuilder(raw.Length + 16);
        var at = 0;
        foreach (Match m in regex.Matches(folded))
        {
            builder.Append(raw, at, m.Index - at).Append(replacement(m));
            at = m.Index + m.Length;
        }

        return builder.Append(raw, at, raw.Length - at).ToString();
    }

    /// <summary>Lower case without accents, one character for one, so indexes line up with the original.</summary>
    private static string Fold(string raw)
    {
        var chars = raw.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                'á' or 'à' or 'â' or 'ä' or 'ã' => 'a',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'í' or 'ì' or 'î' or 'ï' => 'i',
                'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                'ß' => 's',
                '\u2019' => '\'',
                var c => c,
            };
        }

        return new string(chars);
    }

    [GeneratedRegex(@"(?<![\w\-])[A-Za-z]+(?![\w\-])", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"[\p{L}']+", RegexOptions.CultureInvariant)]
    private static partial Regex FoldedWordRegex();
}
