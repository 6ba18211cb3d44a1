namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>English singular/plural forms of the last word of a phrase, good enough for product nouns.</summary>
internal static class Inflections
{
    public static IEnumerable<string> Forms(string phrase)
    {
        yield return phrase;
        if (phrase.EndsWith("ies", StringComparison.Ordinal))
        {
            yield return phrase[..^3] + "y";
        }
        else if (phrase.EndsWith("ches", StringComparison.Ordinal) || phrase.EndsWith("shes", StringComparison.Ordinal)
            || phrase.EndsWith("xes", StringComparison.Ordinal) || phrase.EndsWith("sses", StringComparison.Ordinal))
        {
            yield return phrase[..^2];
        }

        if (phrase.EndsWith('s') && !phrase.EndsWith("ss", StringComparison.Ordinal))
        {
            yield return phrase[..^1];
        }
        else if (phrase.EndsWith('y') && phrase.Length > 1 && !IsVowel(phrase[^2]))
        {
            yield return phrase[..^1] + "ies";
        }
        else if (phrase.EndsWith('s') || phrase.EndsWith('x') || phrase.EndsWith("ch", StringComparison.Ordinal)
            || phrase.EndsWith("sh", StringComparison.Ordinal))
        {
            yield return phrase + "es";
        }
        else if (char.IsLetter(phrase[^1]))
        {
            yield return phrase + "s";
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
