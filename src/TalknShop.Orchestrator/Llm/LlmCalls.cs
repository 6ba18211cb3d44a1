using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Calls the model with a per-call timeout (<c>LLM_TIMEOUT</c>) and retries (<c>LLM_MAX_RETRIES</c>)
/// only while nothing has been streamed: a retry after the first token would repeat text the
/// shopper already saw. Failures are returned, not thrown, so each understanding step can fall
/// back to the offline implementation; only the caller's own cancellation propagates.
/// </summary>
internal sealed class LlmCalls(IChatClient client, IOptions<LlmOptions> options, LlmStatus status, OrchestratorMetrics metrics, TimeProvider time, ILogger<LlmCalls> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(150);

    /// <summary>The whole reply as text, or null when every attempt failed.</summary>
    public async Task<string?> CompleteAsync(string operation, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 0; attempt <= settings.MaxRetries; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            try
            {
                var response = await client.GetResponseAsync(messages, chatOptions, timeout.Token).ConfigureAwait(false);
                metrics.LlmCall(operation, "ok");
                status.Succeeded();
                return response.Text;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Failed(operation, ex, attempt);
            }

            if (attempt < settings.MaxRetries)
            {
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
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
        for (var attempt = 0; attempt <= settings.MaxRetries && !outcome.Started; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            var updates = client.GetStreamingResponseAsync(messages, chatOptions, timeout.Token).GetAsyncEnumerator(timeout.Token);
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
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        Failed(operation, ex, attempt);
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

            if (!outcome.Started && attempt < settings.MaxRetries)
            {
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Failed(string operation, Exception ex, int attempt)
    {
        var timedOut = ex is OperationCanceledException or TimeoutException;
        metrics.LlmCall(operation, timedOut ? "timeout" : "failed");
        status.Failed(ex);
        LlmLog.CallFailed(logger, ex.GetType().Name, operation, attempt + 1, timedOut);
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
