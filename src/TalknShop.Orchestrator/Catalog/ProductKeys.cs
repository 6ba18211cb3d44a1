using System.Text;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>How two listings are recognised as the same one.</summary>
internal static class ProductKeys
{
    /// <summary>
    /// Two titles that normalize to the same text (<see cref="NormalizeTitle"/>), compared and hashed
    /// without building it: the merge keys up to 200 listings per source by title on every search,
    /// and building the normalized strings was half of a turn's allocations.
    /// </summary>
    public static IEqualityComparer<string> SameTitle { get; } = new TitleComparer();

    /// <summary>
    /// Whether <paramref name="term"/> (lower-case) is one of the words of <paramref name="text"/> as
    /// <see cref="NormalizeTitle"/> splits them (runs of letters and digits, lower-cased), without
    /// building the normalized text: the ranker asks this of up to 200 titles per search.
    /// </summary>
    public static bool HasWord(string text, string term)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var length = 0;
            var same = true;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                same = same && length < term.Length && char.ToLowerInvariant(text[i]) == term[length];
                length++;
                i++;
            }

            if (same && length > 0 && length == term.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case letters and digits, single spaces between words: "Dell XPS-15, 16GB" → "dell xps 15 16gb".</summary>
    public static string NormalizeTitle(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (var c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    private sealed class TitleComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null)
            {
                return false;
            }

            var left = new NormalizedChars(x);
            var right = new NormalizedChars(y);
            while (true)
            {
                var more = left.Next(out var a);
                if (more != right.Next(out var b) || a != b)
                {
                    return false;
                }

                if (!more)
                {
                    return true;
                }
            }
        }

        public int GetHashCode(string title)
        {
            // FNV-1a over the normalized characters: a couple of operations per character, where
            // HashCode.Add per character cost more than building the string did. Titles come from
            // the catalog, not from shoppers, and a collision only costs one Equals.
            var hash = 2166136261u;
            var chars = new NormalizedChars(title);
            while (chars.Next(out var c))
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }
    }

    /// <summary>A letter or digit; ASCII through a table, the hot case for catalog titles.</summary>
    private static bool IsWordChar(char c) => c < 128 ? AsciiWordChars[c] != 0 : char.IsLetterOrDigit(c);

    /// <summary>For each ASCII character: itself lower-cased if it is a letter or digit, else 0.</summary>
    private static ReadOnlySpan<byte> AsciiWordChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', 0, 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
    ];

    /// <summary>The characters of a title's normalized text one at a time, as <see cref="NormalizeTitle"/> would write them.</summary>
    private struct NormalizedChars(string text)
    {
        private int _index;
        private bool _seenWord;
        private bool _spaceDue;

        public bool Next(out char c)
        {
            while (_index < text.Length)
            {
                var current = text[_index];
                if (IsWordChar(current))
                {
                    if (_spaceDue)
                    {
                        // One space between two words, then this letter on the next call.
                        _spaceDue = false;
                        c = ' ';
                        return true;
                    }

                    _seenWord = true;
                    _index++;
                    c = current < 128 ? (char)AsciiWordChars[current] : char.ToLowerInvariant(current);
                    return true;
                }

                // No space before the first word, and none after the last (NormalizeTitle trims it).
                _spaceDue = _seenWord;
                _index++;
            }

            c = default;
            return false;
        }
    }
}
