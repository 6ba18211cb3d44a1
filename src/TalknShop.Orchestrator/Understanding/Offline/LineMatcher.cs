using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <param name="Name">The words the shopper used, in the catalog's spelling where it lines up ("MacBook Air").</param>
/// <param name="Brand">The brand when every matching line has the same one, or null.</param>
/// <param name="Types">The product types of the matching lines ("pixel" is a phone and a watch).</param>
internal sealed record LineHit(int Start, int End, string Name, string? Brand, IReadOnlyList<string> Types)
{
    public string? Type => Types.Count == 1 ? Types[0] : null;
}

/// <summary>
/// Finds lines and models named in the text, from the taxonomy's lines (the catalog's titles). A
/// shopper names a line by its first words ("macbook air" for "MacBook Air 13 Laptop") or by a
/// model token inside it ("a7 iv"). Everyday words alone ("magic", "gaming chair") need the brand.
/// </summary>
internal sealed partial class LineMatcher
{
    private readonly Dictionary<string, List<(string[] Tokens, string[] Display, int Offset, string Brand, string Type)>> _byToken = new(StringComparer.Ordinal);
    // Type words that are not also a line's own word ("laptop", not "macbook" or "ipad").
    private readonly HashSet<string> _typeWords;
    private readonly PhraseMatcher _typePhrases;

    public LineMatcher(IReadOnlyList<ProductTypeInfo> types, PhraseMatcher typePhrases)
    {
        _typePhrases = typePhrases;
        _typeWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var word in type.Synonyms.Append(type.Name).Append(type.DisplayName).SelectMany(s => Vocabulary.Clean(s).Split(' ')))
            {
                foreach (var form in Inflections.Forms(word))
                {
                    _typeWords.Add(form);
                }
            }

            foreach (var line in type.Lines ?? [])
            {
                var tokens = Vocabulary.Clean(line.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimEnd('+')).ToArray();
                var display = line.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                display = display.Length == tokens.Length ? display : tokens;
                for (var i = 0; i < tokens.Length; i++)
                {
                    // Lines start at their first word; a model token with a digit may be named alone ("a7 iv", "v15").
                    if (i == 0 || tokens[i].Any(char.IsDigit))
                    {
                        Add(tokens[i], (tokens, display, i, line.Brand, type.Name));
                    }
                }
            }
        }

        foreach (var entries in _byToken.Values)
        {
            foreach (var token in entries.SelectMany(e => e.Tokens))
            {
                _typeWords.Remove(token);
            }
        }
    }

    public bool IsEmpty => _byToken.Count == 0;

    /// <summary>Line mentions in the free text, longest first; claimed on the scan.</summary>
    public List<LineHit> FindAll(TextScan scan, Func<string, bool> brandMentioned, bool comparing)
    {
        var words = WordRegex().Matches(scan.Text).Where(w => scan.IsFree(w.Index, w.Length)).ToList();
        var values = words.Select(w => w.Value.TrimEnd('+')).ToArray();
        var hits = new List<LineHit>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!_byToken.TryGetValue(values[i], out var entries) && !_byToken.TryGetValue(values[i].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), out entries))
            {
                continue;
            }

            var best = 0;
            var matching = new List<(string[] Tokens, string[] Display, int Offset, string Brand, string Type)>();
            foreach (var entry in entries)
            {
                var length = MatchLength(words, values, i, entry.Tokens, entry.Offset, scan.Text);
                if (length > best)
                {
                    (best, matching) = (length, [entry]);
                }
                else if (length == best && length > 0)
                {
                    matching.Add(entry);
                }
            }

            if (best == 0)
            {
                continue;
            }

            var phrase = values.Skip(i).Take(best).ToArray();
            // "air fryer" is a type, not Nike's Air line.
            if (TypePhraseLength(values, i) > best)
            {
                continue;
            }

            var brands = matching.Select(m => m.Brand).Distinct(StringComparer.Ordinal).ToList();
            // "switch vs steam deck": a type word that is also a line counts when it is a side of a comparison.
            // A single word after the brand is its line ("apple watch") unless a type word follows ("patagonia down jacket").
            var typeFollows = i + best < values.Length && _typePhrases.Contains(values[i + best]);
            var contextual = brands.Any(b => brandMentioned(b) && (best > 1 || (BrandRightBefore(scan.Text, words[i].Index, b) && !typeFollows)))
                || (comparing && _typePhrases.Contains(string.Join(' ', phrase)));
            if (!contextual && !Distinctive(phrase))
            {
                continue;
            }

            var first = matching[0];
            var name = string.Join(' ', first.Display.Skip(first.Offset).Take(best));
            var types = matching.Select(m => m.Type).Distinct(StringComparer.Ordinal).ToList();
            var start = words[i].Index;
            var end = words[i + best - 1].Index + words[i + best - 1].Length;
            scan.Consume(start, end - start);
            hits.Add(new LineHit(start, end, name, brands.Count == 1 ? brands[0] : null, types));
            i += best - 1;
        }

        return hits;
    }

    private static bool BrandRightBefore(string text, int start, string brand)
    {
        var before = text[..start].TrimEnd();
        return before.EndsWith(Vocabulary.Clean(brand), StringComparison.Ordinal);
    }

    private int TypePhraseLength(string[] values, int at)
    {
        var longest = 0;
        for (var n = 1; n <= 3 && at + n <= values.Length; n++)
        {
            if (_typePhrases.Contains(string.Join(' ', values.Skip(at).Take(n))))
            {
                longest = n;
            }
        }

        return longest;
    }

    /// <summary>Words matched against a line's tokens; the shopper may drop a model's trailing number ("galaxy z flip" for "Flip6").</summary>
    private static int MatchLength(List<Match> words, string[] values, int at, string[] tokens, int offset, string text)
    {
        var length = 0;
        while (offset + length < tokens.Length && at + length < words.Count)
        {
            var (word, token) = (values[at + length], tokens[offset + length]);
            var partial = word.Length >= 3 && token.Length > word.Length && token.StartsWith(word, StringComparison.Ordinal)
                && token[word.Length..].All(char.IsDigit);
            if (word != token && !partial)
            {
                break;
            }

            // Words must be adjacent, and a number followed by a unit is a size, not a model ("air 13 inch").
            if (length > 0 && text[(words[at + length - 1].Index + words[at + length - 1].Length)..words[at + length].Index].Trim().Length > 0)
            {
                break;
            }

            if (tokens[offset + length].All(char.IsDigit) && UnitAfterRegex().IsMatch(text[(words[at + length].Index + words[at + length].Length)..]))
            {
                break;
            }

            length++;
            if (partial)
            {
                break;
            }
        }

        return length;
    }

    /// <summary>Words that could only be a line: a model number, an unusual word, or two everyday words together ("steam deck").</summary>
    private bool Distinctive(string[] phrase)
    {
        if (phrase.All(p => p.All(char.IsDigit)))
        {
            return false;
        }

        if (phrase.Any(p => p.Any(char.IsDigit) && p.Any(char.IsLetter)) || (phrase.Length > 1 && phrase.Skip(1).Any(p => p.Any(char.IsDigit))))
        {
            return true;
        }

        var unusual = phrase.Count(p => p.Length >= 3 && p.Any(char.IsLetter) && !EverydayWords.All.Contains(p) && !SupplementaryTerms.StopWords.Contains(p) && !_typeWords.Contains(p));
        var everyday = phrase.Count(p => !_typeWords.Contains(p) && !SupplementaryTerms.StopWords.Contains(p));
        return unusual > 0 || everyday >= 2;
    }

    private void Add(string token, (string[] Tokens, string[] Display, int Offset, string Brand, string Type) entry)
    {
        if (!_byToken.TryGetValue(token, out var list))
        {
            _byToken[token] = list = [];
        }

        list.Add(entry);
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9+'.\-]*[a-z0-9+]|[a-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"^\s*(?:-\s*)?(?:inch(?:es)?|in\b|""|''|gb|tb|hz|mp|qt|quarts?|cups?|hours?|hrs?|stars?|%)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitAfterRegex();
}
