using System.Text;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// The shopper's text, normalised and lower-cased, with a record of which characters a parser has
/// already claimed. Claiming is what stops "16GB" or "size 10" from being read again as a price,
/// and what leaves only unexplained words for the keywords.
/// </summary>
internal sealed class TextScan
{
    private readonly bool[] _used;

    public TextScan(string raw)
    {
        Original = Normalize(raw);
        // Per-character lowering keeps both strings the same length, so indexes are shared.
        Text = Original.ToLowerInvariant();
        _used = new bool[Text.Length];
    }

    /// <summary>Normalised text with the shopper's casing (brand guards need it).</summary>
    public string Original { get; }

    /// <summary>Normalised, lower-cased text every parser matches against.</summary>
    public string Text { get; }

    public bool IsFree(int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (_used[i])
            {
                return false;
            }
        }

        return true;
    }

    public void Consume(int start, int length) => Array.Fill(_used, true, start, length);

    public void Consume(Match match) => Consume(match.Index, match.Length);

    /// <summary>Matches of <paramref name="regex"/> that touch no claimed character.</summary>
    public IEnumerable<Match> Free(Regex regex)
    {
        foreach (Match match in regex.Matches(Text))
        {
            if (match.Length > 0 && IsFree(match.Index, match.Length))
            {
                yield return match;
            }
        }
    }

    public string Before(int index, int max = 40) => Text[Math.Max(0, index - max)..index];

    public string After(int index, int max = 30) => Text[index..Math.Min(Text.Length, index + max)];

    /// <summary>The text with every claimed character blanked out.</summary>
    public string Remaining()
    {
        var chars = Text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (_used[i])
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static string Normalize(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var mapped = c switch
            {
                '\u2018' or '\u2019' or '`' => '\'',
                '\u201C' or '\u201D' or '\u2033' => '"',
                '\u2013' or '\u2014' or '\u2212' => '-',
                _ when char.IsWhiteSpace(c) => ' ',
                _ => c,
            };

            // Collapse whitespace runs so multi-word phrases match with single spaces.
            if (mapped == ' ' && (builder.Length == 0 || builder[^1] == ' '))
            {
                continue;
            }

            builder.Append(mapped);
        }

        // "noise-cancelling", "open-box", "like-new": a hyphen between letters is a space.
        for (var i = 1; i < builder.Length - 1; i++)
        {
            if (builder[i] == '-' && char.IsLetter(builder[i - 1]) && char.IsLetter(builder[i + 1]))
            {
                builder[i] = ' ';
            }
        }

        return builder.ToString().TrimEnd();
    }
}
