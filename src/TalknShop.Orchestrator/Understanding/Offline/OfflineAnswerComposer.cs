using System.Runtime.CompilerServices;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Rule-based <see cref="IAnswerComposer"/>: writes the whole answer, then streams it a sentence
/// at a time, so clients render it progressively as they do a model's answer. (Four-word pieces
/// made ~30 <c>token</c> events per search turn, each one serialised, stored and sent on its own:
/// the largest share of a turn's events for no visible gain, since the text is ready at once.)
/// </summary>
internal sealed class OfflineAnswerComposer(ICatalogTaxonomy taxonomy) : IAnswerComposer
{
    // "1." opening a list line, or "St." inside a title, is not a sentence end.
    private const int MinWordsPerSentence = 3;

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

    /// <summary>
    /// Sentences with their trailing whitespace, so the chunks concatenate to the text: a piece
    /// ends at a line break, or after a word ending in <c>. ! ? :</c> once it has a few words.
    /// </summary>
    internal static IEnumerable<string> Chunks(string text)
    {
        var start = 0;
        var words = 0;
        var i = 0;
        while (i < text.Length)
        {
            // One word and the whitespace after it.
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var last = i > start ? text[i - 1] : ' ';
            var lineBreak = false;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                lineBreak |= text[i] == '\n';
                i++;
            }

            words++;
            if (lineBreak || (words >= MinWordsPerSentence && last is '.' or '!' or '?' or ':') || i == text.Length)
            {
                yield return text[start..i];
                start = i;
                words = 0;
            }
        }
    }
}
