using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
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
internal sealed class LlmCalls
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(150);
    private static readonly ResiliencePropertyKey<double> ShareKey = new("talknshop.llm.share");
    private static readonly ResiliencePropertyKey<int> AttemptKey = new("talknshop.llm.attempt");

    private readonly IChatClient _client;
    private readonly LlmOptions _settings;
    private readonly LlmStatus _status;
    private readonly OrchestratorMetrics _metrics;
    private readonly ILogger<LlmCalls> _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _complete;
    private readonly ResiliencePipeline _open;

    public LlmCalls(IChatClient client, IOptions<LlmOptions> options, LlmStatus status, OrchestratorMetrics metrics, TimeProvider time, ILogger<LlmCalls> logger)
    {
        _client = client;
        _settings = options.Value;
        _status = status;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        // A whole reply: retry around a per-attempt timeout that is the turn's share when shorter than LLM_TIMEOUT.
        _complete = Retry(new ResiliencePipelineBuilder { TimeProvider = time })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(TurnBudget.For(_settings.Timeout, args.Context.Properties.GetValue(ShareKey, 1.0))),
            })
            .Build();
        // A stream: retry around opening it and waiting for its first text only (see StreamAsync).
        _open = Retry(new ResiliencePipelineBuilder { TimeProvider = time }).Build();
    }

    /// <summary>The whole reply as text, or null when every attempt failed.</summary>
    public async Task<string?> CompleteAsync(string operation, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var context = Context(operation, cancellationToken);
        context.Properties.Set(ShareKey, Share(operation));
        try
        {
            var response = await _complete.ExecuteAsync(
                static async (ctx, state) =>
                {
                    if (TurnBudget.For(state.Self._settings.Timeout, ctx.Properties.GetValue(ShareKey, 1.0)) == TimeSpan.Zero)
                    {
                        throw new NoTimeLeftException();
                    }

                    return await state.Self._client.GetResponseAsync(state.Messages, state.Options, ctx.CancellationToken).ConfigureAwait(false);
                },
                context, (Self: this, Messages: messages, Options: Capped(chatOptions, _settings))).ConfigureAwait(false);
            Succeeded(operation);
            return response.Text;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(operation, Classify(ex), context.Properties.GetValue(AttemptKey, 0));
            return null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The reply as it is written. Ends early (without throwing) when the model fails; then
    /// <paramref name="outcome"/> says so and whether any text had been yielded.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(
        string operation, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, StreamOutcome outcome,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var capped = Capped(chatOptions, _settings);
        var context = Context(operation, cancellationToken);
        OpenStream? stream = null;
        var attempt = 0;
        try
        {
            stream = await _open.ExecuteAsync(
                static async (ctx, state) => await state.Self.OpenAsync(state.Messages, state.Options, ctx.CancellationToken).ConfigureAwait(false),
                context, (Self: this, Messages: messages, Options: capped)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(operation, Classify(ex), context.Properties.GetValue(AttemptKey, 0));
        }
        finally
        {
            attempt = context.Properties.GetValue(AttemptKey, 0);
            ResilienceContextPool.Shared.Return(context);
        }

        if (stream is null)
        {
            outcome.Failed = true;
            yield break;
        }

        // Past the first text the pipeline is left: nothing after it is retried.
        await using (stream.ConfigureAwait(false))
        {
            var text = stream.First;
            while (text is not null)
            {
                outcome.Started = true;
                yield return text;
                try
                {
                    text = await stream.NextTextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Failed(operation, Classify(ex), attempt);
                    outcome.Failed = true;
                    yield break;
                }
            }

            Succeeded(operation);
            outcome.Failed = false;
        }
    }

    /// <summary>Opens the stream and reads up to its first text (or its end), under the idle timeout and the turn's budget.</summary>
    private async Task<OpenStream> OpenAsync(IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var whole = TurnBudget.For(Timeout.InfiniteTimeSpan, 1);
        if (whole == TimeSpan.Zero)
        {
            throw new NoTimeLeftException();
        }

        var idle = whole != Timeout.InfiniteTimeSpan && whole < _settings.Timeout ? whole : _settings.Timeout;
        var stream = new OpenStream(whole, idle, _time, _client, messages, chatOptions, cancellationToken);
        try
        {
            await stream.StartAsync().ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private ResiliencePipelineBuilder Retry(ResiliencePipelineBuilder builder)
    {
        if (_settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _settings.MaxRetries,
                Delay = RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested && args.Outcome.Exception is { } ex && Classify(ex).Retryable),
                OnRetry = args =>
                {
                    Failed(args.Context.OperationKey ?? "", Classify(args.Outcome.Exception!), args.AttemptNumber);
                    args.Context.Properties.Set(AttemptKey, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder;
    }

    private static ResilienceContext Context(string operation, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(AttemptKey, 0);
        return context;
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

    private LlmFailure Classify(Exception ex) => ex switch
    {
        NoTimeLeftException => LlmFailure.NoTimeLeft,
        TimeoutRejectedException timeout => LlmFailure.Timeout(_settings.NormalizedProvider, timeout.Timeout),
        TimeoutException => LlmFailure.Timeout(_settings.NormalizedProvider, _settings.Timeout),
        _ => LlmFailure.Of(ex, _settings.NormalizedProvider),
    };

    private void Succeeded(string operation)
    {
        _metrics.LlmCall(operation, "ok");
        _status.Succeeded();
    }

    private void Failed(string operation, LlmFailure failure, int attempt)
    {
        _metrics.LlmCall(operation, failure.TimedOut ? "timeout" : "failed");
        _status.Failed(failure);
        LlmLog.CallFailed(_logger, failure.Code, operation, attempt + 1, failure.TimedOut);
    }

    /// <summary>The turn's budget was spent before the attempt could start.</summary>
    private sealed class NoTimeLeftException : Exception;
}

/// <summary>How a streamed call ended: <see cref="Failed"/> with or without text already yielded.</summary>
internal sealed class StreamOutcome
{
    public bool Started { get; set; }
    public bool Failed { get; set; } = true;
}
