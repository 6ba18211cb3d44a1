using System.Text;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>How two listings are recognised as the same one.</summary>
internal static class ProductKeys
{
    /// <summary>Lower-case letters and digits, single spaces between words: "Dell XPS-15, 16GB" → "dell xps 15 16gb".</summary>
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
}
