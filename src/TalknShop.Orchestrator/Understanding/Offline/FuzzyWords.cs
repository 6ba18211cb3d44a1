namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Typo repair against the catalog's own words (types, brands, lines, feature words): "hedphones",
/// "samsnug", "air friar". A word is only replaced when exactly one catalog word is one edit away
/// (two for long words), starts with the same letter, and the word is not everyday English. Written
/// by hand because a general spell checker would "fix" the catalog's model names.
/// </summary>
internal sealed class FuzzyWords
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<(string Word, string Replacement)>> _byLetter = [];

    public FuzzyWords(IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words)
            {
                Add(word, word);
                // Other forms of a catalog word are not typos of it ("photos" is not "photo").
                _known.UnionWith(Inflections.Forms(word));
            }

            // "airfrier" and "air friar" both repair to "air fryer".
            if (words.Length == 2)
            {
                Add(words[0] + words[1], phrase);
            }
        }

        _known.UnionWith(EverydayWords.All);
        _known.UnionWith(SupplementaryTerms.StopWords);
        _known.UnionWith(EnglishNearWords.All);
        _known.UnionWith(ForeignTerms.Phrases.Keys.SelectMany(k => k.Split(' ')));
    }

    /// <summary>True for a catalog word or everyday English: never a typo.</summary>
    public bool IsKnown(string word) => _known.Contains(word);

    /// <summary>The repair for <paramref name="word"/> (lower case), or null when it is fine or unclear.</summary>
    public string? Repair(string word)
    {
        if (word.Length < 4 || _known.Contains(word) || !word.All(char.IsLetter) || !_byLetter.TryGetValue(word[0], out var candidates))
        {
            return null;
        }

        var limit = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var (candidate, replacement) in candidates)
        {
            if (Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }

            var distance = Distance(word, candidate, limit);
            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (replacement, distance, false);
            }
            else if (distance == bestDistance && !string.Equals(best, replacement, StringComparison.Ordinal))
            {
                tie = true;
            }
        }

        return bestDistance <= limit && !tie ? best : null;
    }

    private void Add(string word, string replacement)
    {
        if (word.Length < 4 || !word.All(char.IsLetter))
        {
            _known.Add(word);
            return;
        }

        if (!_known.Add(word))
        {
            return;
        }

        if (!_byLetter.TryGetValue(word[0], out var list))
        {
            _byLetter[word[0]] = list = [];
        }

        list.Add((word, replacement));
    }

    /// <summary>Optimal string alignment distance (edits plus adjacent swaps), giving up past <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
