using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>Leftover words worth a full-text match ("gaming", "oled"): nothing already understood.</summary>
internal static partial class KeywordExtractor
{
    private const int MaxKeywords = 4;

    public static void Extract(TextScan scan, Vocabulary vocabulary, ParsedMessage into)
    {
        foreach (Match m in WordRegex().Matches(scan.Remaining()))
        {
            var word = m.Value.Trim('\'', '-');
            if (word.Length < 3 && !word.Any(char.IsDigit)
                || word.All(c => char.IsDigit(c) || c == '.')
                || SupplementaryTerms.StopWords.Contains(word)
                || vocabulary.TypeMatcher.Contains(word)
                || vocabulary.CanonicalBrand(word) is not null
                || into.Keywords.Contains(word, StringComparer.Ordinal))
            {
                continue;
            }

            into.Keywords.Add(word);
            if (into.Keywords.Count == MaxKeywords)
            {
                break;
            }
        }
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9'+\-.]*[a-z0-9+]|[a-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
