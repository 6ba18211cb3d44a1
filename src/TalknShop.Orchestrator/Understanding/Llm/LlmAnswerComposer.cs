using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>
/// Model-backed <see cref="IAnswerComposer"/>: streams the model's words as they arrive. A failure
/// before the first word falls back to the offline composer; after it, the answer ends with a
/// sentence saying it was cut short (repeating or retracting shown text would confuse more). A
/// reply that opens like JSON is never shown: the offline answer replaces it.
/// </summary>
internal sealed class LlmAnswerComposer(LlmCalls calls, OfflineAnswerComposer offline, LlmFallback fallback, TimeProvider time) : IAnswerComposer
{
    public const string Operation = "compose";
    public const string CutShort = " (The language model stopped responding, so this answer is incomplete; the products are listed in the results.)";
    private static readonly ChatOptions TextReply = new() { Temperature = 0.3f };

    public async IAsyncEnumerable<string> ComposeAsync(CompositionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = new StreamOutcome();
        var opening = "";
        var shown = false;
        var looksLikeJson = false;
        // Joined into fewer token events (see StreamCoalescer); the first piece is not held back.
        var stream = StreamCoalescer.CoalesceAsync(
            calls.StreamAsync(Operation, Prompts.Composition(request), TextReply, outcome, cancellationToken),
            StreamCoalescer.DefaultWindow, StreamCoalescer.DefaultMaxChars, time, cancellationToken);
        await foreach (var piece in stream.ConfigureAwait(false))
        {
            if (looksLikeJson)
            {
                continue;
            }

            if (!shown)
            {
                // Hold text back until its first visible character tells what kind of reply it is.
                opening += piece;
                var start = opening.TrimStart();
                if (start.Length == 0)
                {
                    continue;
                }

                looksLikeJson = start[0] is '{' or '[' || start.StartsWith("```", StringComparison.Ordinal);
                if (looksLikeJson || (start.Length < 3 && start[0] == '`'))
                {
                    continue;
                }

                shown = true;
                yield return start;
                continue;
            }

            yield return piece;
        }

        if (shown && outcome.Failed)
        {
            await fallback.ReportAsync(Operation, "the answer stream broke off", request.Notices, cancellationToken).ConfigureAwait(false);
            yield return CutShort;
            yield break;
        }

        if (!shown)
        {
            await fallback.ReportAsync(Operation, looksLikeJson ? "the answer was JSON" : "the model did not answer", request.Notices, cancellationToken).ConfigureAwait(false);
            await foreach (var piece in offline.ComposeAsync(request, cancellationToken).ConfigureAwait(false))
            {
                yield return piece;
            }
        }
    }
}
