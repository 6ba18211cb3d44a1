namespace TalknShop.Orchestrator.Understanding.Offline;

/// <param name="Start">Index in <see cref="TextScan.Text"/>.</param>
/// <param name="Phrase">The lower-case phrase that matched.</param>
/// <param name="Value">What the phrase stands for (canonical type or brand).</param>
internal sealed record PhraseHit(int Start, int Length, string Phrase, string Value)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds whole-word occurrences of known phrases, longest first, so "running shoes" wins over
/// "shoes" and "hp" never matches inside "php". Matches are claimed on the scan.
/// </summary>
internal sealed class PhraseMatcher(IReadOnlyDictionary<string, string> phrases)
{
    private readonly KeyValuePair<string, string>[] _ordered = [.. phrases
        .Where(p => p.Key.Length > 0)
        .OrderByDescending(p => p.Key.Length)
        .ThenBy(p => p.Key, StringComparer.Ordinal)];

    public bool Contains(string phrase) => phrases.ContainsKey(phrase);

    public string? Lookup(string phrase) => phrases.TryGetValue(phrase, out var value) ? value : null;

    /// <param name="accept">Extra check on a candidate hit (e.g. casing guards); rejected hits are not claimed.</param>
    public List<PhraseHit> FindAll(TextScan scan, Func<PhraseHit, bool>? accept = null)
    {
        var hits = new List<PhraseHit>();
        foreach (var (phrase, value) in _ordered)
        {
            var index = 0;
            while ((index = scan.Text.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
            {
                var hit = new PhraseHit(index, phrase.Length, phrase, value);
                if (IsWholeWord(scan.Text, hit) && scan.IsFree(hit.Start, hit.Length) && (accept?.Invoke(hit) ?? true))
                {
                    scan.Consume(hit.Start, hit.Length);
                    hits.Add(hit);
                }

                index++;
            }
        }

        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    private static bool IsWholeWord(string text, PhraseHit hit)
    {
        var before = hit.Start == 0 || !char.IsLetterOrDigit(text[hit.Start - 1]);
        var after = hit.End >= text.Length || !char.IsLetterOrDigit(text[hit.End]);
        return before && after;
    }
}
