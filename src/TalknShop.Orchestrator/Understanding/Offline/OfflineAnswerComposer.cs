using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Rule-based <see cref="IAnswerComposer"/>: writes the whole answer, then streams it in groups
/// of a few words so clients render it the same way as a model's answer.
/// </summary>
internal sealed partial class OfflineAnswerComposer(ICatalogTaxonomy taxonomy) : IAnswerComposer
{
    private const int WordsPerChunk = 4;

    public async IAsyncEnumerable<string> ComposeAsync(
        CompositionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var type = request.Spec.ProductType is { } name ? taxonomy.FindType(name) : null;
        var text = AnswerText.Write(request, type);

        foreach (var chunk in Chunks(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    /// <summary>Word groups that keep their trailing whitespace, so the chunks concatenate to the text.</summary>
    internal static IEnumerable<string> Chunks(string text)
    {
        var words = WordRegex().Matches(text);
        for (var i = 0; i < words.Count; i += WordsPerChunk)
        {
            var first = words[i];
            var last = words[Math.Min(i + WordsPerChunk, words.Count) - 1];
            yield return text[first.Index..(last.Index + last.Length)];
        }
    }

    [GeneratedRegex(@"\S+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
