using System.Text;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>How two listings are recognised as the same one.</summary>
internal static class ProductKeys
{
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
}
