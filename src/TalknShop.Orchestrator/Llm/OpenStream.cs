using Microsoft.Extensions.AI;
using Polly.Timeout;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// One streamed reply being read, text chunk by text chunk. Its two clocks are written by hand, not
/// a Polly timeout: the idle timeout restarts with every chunk of one request (a Polly timeout
/// bounds one execution), and the cap is what is left of the turn for the whole answer. Either
/// ends the read with a <see cref="TimeoutRejectedException"/> naming the limit that was hit.
/// </summary>
internal sealed class OpenStream : IAsyncDisposable
{
    private readonly TimeSpan _whole;
    private readonly TimeSpan _idleLimit;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _cap;
    private readonly CancellationTokenSource _linked;
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;

    public OpenStream(TimeSpan whole, TimeSpan idleLimit, TimeProvider time, IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken caller)
    {
        _whole = whole;
        _idleLimit = idleLimit;
        _caller = caller;
        _idle = new CancellationTokenSource(idleLimit, time);
        _cap = whole == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(whole, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _idle.Token, _cap.Token);
        _updates = client.GetStreamingResponseAsync(messages, options, _linked.Token).GetAsyncEnumerator(_linked.Token);
    }

    /// <summary>The first text of the reply, or null when it ended without any; set by <see cref="StartAsync"/>.</summary>
    public string? First { get; private set; }

    public async Task StartAsync() => First = await NextTextAsync().ConfigureAwait(false);

    /// <summary>The next non-empty text, or null at the end of the reply.</summary>
    public async Task<string?> NextTextAsync()
    {
        try
        {
            while (await _updates.MoveNextAsync().ConfigureAwait(false))
            {
                _idle.CancelAfter(_idleLimit);
                if (_updates.Current.Text is { Length: > 0 } text)
                {
                    return text;
                }
            }

            return null;
        }
        catch (Exception ex) when (!_caller.IsCancellationRequested && (_idle.IsCancellationRequested || _cap.IsCancellationRequested))
        {
            var limit = _cap.IsCancellationRequested ? _whole : _idleLimit;
            throw new TimeoutRejectedException($"The model sent nothing for {limit.TotalSeconds:0.#} s.", limit, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _updates.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or ObjectDisposedException)
        {
            // The response was abandoned half-read; closing it is all that is left to do.
        }

        _linked.Dispose();
        _idle.Dispose();
        _cap.Dispose();
    }
}
