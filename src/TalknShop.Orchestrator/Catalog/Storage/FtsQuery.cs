using System.Text;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// Turns shopper text into an FTS5 query that cannot be a syntax error: only letters and digits
/// survive, each word is a quoted string, so quotes, <c>*</c>, <c>-</c>, <c>:</c>, parentheses and
/// the words NEAR/AND/OR/NOT are matched as text or dropped, never interpreted.
/// </summary>
internal static class FtsQuery
{
    private const int MaxTerms = 12;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "the", "for", "with", "of", "to", "in", "on", "or", "not", "near",
        "i", "me", "my", "want", "need", "looking", "some", "something", "that", "is", "it", "s",
    };

    /// <summary>The distinct searchable words of <paramref name="text"/>, lower-case, stop words removed.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                var term = word.ToString();
                word.Clear();
                if (!StopWords.Contains(term) && !terms.Contains(term) && terms.Count < MaxTerms)
                {
                    terms.Add(term);
                }
            }
        }

        return terms;
    }

    /// <summary>Every term must match: <c>"gaming" "rgb"</c>.</summary>
    public static string AllOf(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(Quote));

    /// <summary>Any term may match; bm25 still puts items matching more terms first.</summary>
    public static string AnyOf(IReadOnlyList<string> terms) => string.Join(" OR ", terms.Select(Quote));

    /// <summary>
    /// Any of the named lines, every word in the title: <c>(title : ("pixel" AND "9") OR title : ("galaxy" AND "s24"))</c>,
    /// or null when none has a word. Not a phrase query: the index keeps no positions (detail = column).
    /// </summary>
    public static string? AnyLine(IEnumerable<string> lines)
    {
        var each = lines.Select(l => Terms(l)).Where(t => t.Count > 0)
            .Select(t => "title : (" + string.Join(" AND ", t.Select(Quote)) + ")").Distinct().ToList();
        return each.Count == 0 ? null : "(" + string.Join(" OR ", each) + ")";
    }

    private static string Quote(string term) => '"' + term + '"';
}
