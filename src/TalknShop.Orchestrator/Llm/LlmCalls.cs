using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Calls the model inside the turn's time budget and with the output-token cap on every request.
/// A whole reply waits at most <c>LLM_TIMEOUT</c>; a streamed one at most that long for each next
/// chunk, and never past the turn's budget. Retries (<c>LLM_MAX_RETRIES</c>) are for passing
/// failures only (5xx, 408, 429, a broken connection) and only while nothing has been streamed: a
/// retry after the first token would repeat text the shopper already saw, a 400 will be a 400
/// again, and a model that timed out once would spend the rest of the turn timing out again.
/// Failures are returned, not thrown, so each understanding step can fall back to the offline
/// implementation; only the caller's own cancellation propagates.
/// </summary>
internal sealed class LlmCalls(IChatClient client, IOptions<LlmOptions> options, LlmStatus status, OrchestratorMetrics metrics, TimeProvider time, ILogger<LlmCalls> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(150);

    /// <summary>The whole reply as text, or null when every attempt failed.</summary>
    public async Task<string?> CompleteAsync(string operation, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var capped = Capped(chatOptions, settings);
        for (var attempt = 0; attempt <= settings.MaxRetries; attempt++)
        {
            var limit = TurnBudget.For(settings.Timeout, Share(operation));
            if (limit == TimeSpan.Zero)
            {
                Failed(operation, LlmFailure.NoTimeLeft, attempt);
                return null;
            }

            using var timeout = new CancellationTokenSource(limit, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            LlmFailure failure;
            try
            {
                var response = await client.GetResponseAsync(messages, capped, linked.Token).ConfigureAwait(false);
                metrics.LlmCall(operation, "ok");
                status.Succeeded();
                return response.Text;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = Classify(ex, timeout.IsCancellationRequested, limit);
                Failed(operation, failure, attempt);
            }

            if (!failure.Retryable || attempt == settings.MaxRetries)
            {
                return null;
            }

            await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// The reply as it is written. Ends early (without throwing) when the model fails; then
    /// <paramref name="outcome"/> says so and whether any text had been yielded.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(
        string operation, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, StreamOutcome outcome,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var capped = Capped(chatOptions, settings);
        for (var attempt = 0; attempt <= settings.MaxRetries && !outcome.Started; attempt++)
        {
            // Two clocks: the idle timeout restarts with every chunk; the whole answer must still
            // end inside the turn's budget, leaving room for what follows it.
            var whole = TurnBudget.For(Timeout.InfiniteTimeSpan, 1);
            if (whole == TimeSpan.Zero)
            {
                Failed(operation, LlmFailure.NoTimeLeft, attempt);
                outcome.Failed = true;
                yield break;
            }

            var idleLimit = whole != Timeout.InfiniteTimeSpan && whole < settings.Timeout ? whole : settings.Timeout;
            using var idle = new CancellationTokenSource(idleLimit, time);
            using var cap = whole == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(whole, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, cap.Token);
            var updates = client.GetStreamingResponseAsync(messages, capped, linked.Token).GetAsyncEnumerator(linked.Token);
            LlmFailure? failure = null;
            try
            {
                while (true)
                {
                    string? text;
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            metrics.LlmCall(operation, "ok");
                            status.Succeeded();
                            outcome.Failed = false;
                            yield break;
                        }

                        text = updates.Current.Text;
                        idle.CancelAfter(idleLimit);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = Classify(ex, idle.IsCancellationRequested || cap.IsCancellationRequested, cap.IsCancellationRequested ? whole : idleLimit);
                        Failed(operation, failure, attempt);
                        outcome.Failed = true;
                        break;
                    }

                    if (!string.IsNullOrEmpty(text))
                    {
                        outcome.Started = true;
                        yield return text;
                    }
                }
            }
            finally
            {
                await DisposeQuietly(updates).ConfigureAwait(false);
            }

            if (failure is not { Retryable: true })
            {
                yield break;
            }

            if (!outcome.Started && attempt < settings.MaxRetries)
            {
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The part of the turn's remaining time one call may use: the three calls of a turn run in
    /// order (extract, clarify, then compose after the search), so each earlier one leaves the
    /// later ones their share.
    /// </summary>
    private static double Share(string operation) => operation switch
    {
        "extract" => 1.0 / 4,
        "clarify" => 1.0 / 3,
        _ => 1.0,
    };

    private static ChatOptions Capped(ChatOptions chatOptions, LlmOptions settings)
    {
        if (chatOptions.MaxOutputTokens is not null)
        {
            return chatOptions;
        }

        var capped = chatOptions.Clone();
        capped.MaxOutputTokens = settings.MaxOutputTokens;
        return capped;
    }

    private LlmFailure Classify(Exception ex, bool timedOut, TimeSpan limit) =>
        timedOut || ex is TimeoutException ? LlmFailure.Timeout(options.Value.NormalizedProvider, limit) : LlmFailure.Of(ex, options.Value.NormalizedProvider);

    private void Failed(string operation, LlmFailure failure, int attempt)
    {
        metrics.LlmCall(operation, failure.TimedOut ? "timeout" : "failed");
        status.Failed(failure);
        LlmLog.CallFailed(logger, failure.Code, operation, attempt + 1, failure.TimedOut);
    }

    private static async ValueTask DisposeQuietly(IAsyncEnumerator<ChatResponseUpdate> updates)
    {
        try
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or ObjectDisposedException)
        {
            // The response was abandoned half-read; closing it is all that is left to do.
        }
    }
}

/// <summary>How a streamed call ended: <see cref="Failed"/> with or without text already yielded.</summary>
internal sealed class StreamOutcome
{
    public bool Started { get; set; }
    public bool Failed { get; set; } = true;
}
