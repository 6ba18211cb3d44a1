using System.Runtime.CompilerServices;
using System.Text;

namespace TalknShop.Orchestrator.Understanding;

/// <summary>
/// Joins a model's streamed text into fewer, larger pieces: the first piece passes at once (the
/// time to first token is untouched), later ones gather for up to <c>window</c> after the first
/// of them or until <c>maxChars</c>, whichever comes first. Each piece becomes a <c>token</c>
/// event that is serialised, stored and sent; a model emits one every ~10–20 ms, so one per
/// event made a long answer a hundred events for no visible gain. Hand-written: the time window
/// needs the pending read kept across windows, which no System.Linq.Async operator offers.
/// </summary>
internal static class StreamCoalescer
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(40);
    public const int DefaultMaxChars = 400;

    public static async IAsyncEnumerable<string> CoalesceAsync(
        IAsyncEnumerable<string> source, TimeSpan window, int maxChars, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pieces = source.GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        var buffer = new StringBuilder();
        var first = true;
        var windowStart = 0L;
        try
        {
            while (true)
            {
                next ??= pieces.MoveNextAsync().AsTask();
                if (buffer.Length > 0 && !next.IsCompleted)
                {
                    var remaining = window - time.GetElapsedTime(windowStart);
                    if (remaining > TimeSpan.Zero && buffer.Length < maxChars)
                    {
                        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        var delay = Task.Delay(remaining, time, timer.Token);
                        await Task.WhenAny(next, delay).ConfigureAwait(false);
                        await timer.CancelAsync().ConfigureAwait(false);
                    }

                    if (!next.IsCompleted)
                    {
                        // The window closed with the model still typing: send what there is.
                        yield return Take(buffer);
                        continue;
                    }
                }

                var more = await next.ConfigureAwait(false);
                next = null;
                if (!more)
                {
                    break;
                }

                if (buffer.Length == 0)
                {
                    windowStart = time.GetTimestamp();
                }

                buffer.Append(pieces.Current);
                if (first || buffer.Length >= maxChars || time.GetElapsedTime(windowStart) >= window)
                {
                    first = false;
                    yield return Take(buffer);
                }
            }

            if (buffer.Length > 0)
            {
                yield return Take(buffer);
            }
        }
        finally
        {
            if (next is not null)
            {
                // An iterator cannot be disposed while a read is pending: let that read end first
                // (the caller's cancellation ends it).
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
                {
                    // The stream's own failure is the caller's to see through the outcome it keeps.
                }
            }

            await pieces.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Take(StringBuilder buffer)
    {
        var text = buffer.ToString();
        buffer.Clear();
        return text;
    }
}
