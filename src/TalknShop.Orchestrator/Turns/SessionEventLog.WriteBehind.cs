using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Turns;

internal sealed partial class SessionEventLog
{
    // Write-behind state (ordered-append stores): events in seq order whose append may not have
    // completed yet, and the first append failure not yet reported.
    private readonly Lock _deliveryLock = new();
    private readonly Queue<UnstoredEvent> _unstored = new();
    private Exception? _appendFailure;

    // Write-behind: storing each event before the next could be produced made a turn wait for
    // one commit per event in a row, ~40 for a search turn (the SQLite store's group commit could
    // not help a single session).
    // Now the turn's appends are queued back to back, the store commits them together, and each
    // event is sent once it and everything before it are stored, so what a client has seen is
    // always in the log and replay stays exact.
    private async Task<long> PublishBehindLockedAsync(EventData data, string? turnId)
    {
        if (AppendFailed)
        {
            // Report it to the turn; the seq is re-read once every queued append has finished.
            await FlushLockedAsync(reportFailure: true).ConfigureAwait(false);
        }

        var seq = _lastSeq + 1;
        var frame = EventFrames.Create(data, time.GetUtcNow(), SessionId, seq, turnId);
        Task stored;
        try
        {
            stored = store.AppendEventAsync(SessionId, new StoredEvent(seq, data.Type, frame), CancellationToken.None);
        }
        catch (Exception ex)
        {
            stored = Task.FromException(ex);
        }

        _lastSeq = seq;
        lock (_deliveryLock)
        {
            _unstored.Enqueue(new UnstoredEvent(seq, frame, stored));
        }

        if (stored.IsCompleted)
        {
            SendStored();
        }
        else
        {
            _ = stored.ContinueWith(static (_, log) => ((SessionEventLog)log!).SendStored(), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return seq;
    }

    /// <summary>Sends, in seq order, every queued event whose append (and all before it) completed.</summary>
    private void SendStored()
    {
        lock (_deliveryLock)
        {
            while (_unstored.TryPeek(out var head) && head.Stored.IsCompleted)
            {
                _unstored.Dequeue();
                if (!head.Stored.IsCompletedSuccessfully)
                {
                    _appendFailure ??= head.Stored.Exception?.InnerException ?? new OperationCanceledException("An event append was cancelled.");
                }
                else if (_appendFailure is null)
                {
                    // After a failed append the rest of that run is not sent live: the client
                    // would see a gap. What was stored comes back to it through replay.
                    subscribers.Deliver(head.Frame);
                    _delivered = head.Seq;
                }
            }
        }
    }

    /// <summary>
    /// Under the publish lock: waits for the queued appends; after a failed one, re-reads the
    /// log's last seq (the next event continues after what is really stored). With
    /// <paramref name="reportFailure"/>, throws the failure not yet reported to the turn.
    /// </summary>
    private async Task FlushLockedAsync(bool reportFailure)
    {
        Task[] pending;
        lock (_deliveryLock)
        {
            pending = _unstored.Count == 0 ? [] : [.. _unstored.Select(e => e.Stored)];
        }

        if (pending.Length > 0)
        {
            try
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // SendStored records it as _appendFailure.
            }

            SendStored();
        }

        Exception? failure;
        lock (_deliveryLock)
        {
            failure = _appendFailure;
            _appendFailure = null;
        }

        if (failure is not null)
        {
            _unreportedFailure ??= failure;
            // A store failure may have applied the write and lost only its answer: the client gets
            // what the log has beyond what it was sent. Another writer's seq (a conflict) is not ours to send.
            _resync |= IsStoreFailure(failure);
            _lastSeq = -1; // should the read fail too, the next use reads it
            await ReloadLastSeqLockedAsync().ConfigureAwait(false);
        }

        if (reportFailure && _unreportedFailure is { } unreported)
        {
            _unreportedFailure = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unreported);
        }
    }

    private bool AppendFailed
    {
        get
        {
            lock (_deliveryLock)
            {
                return _appendFailure is not null || _unreportedFailure is not null;
            }
        }
    }

    private readonly record struct UnstoredEvent(long Seq, ReadOnlyMemory<byte> Frame, Task Stored);
}
