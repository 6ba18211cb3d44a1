using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// One writer per session: appends and commits queue, and the write in flight is followed by one
/// that takes every append queued behind it (consecutive seqs, up to the head's bound), so a turn's
/// events made back to back (the hub's write-behind) cost a few calls, not one each. Writes of a
/// session are applied in the order they were made, which is what keeps this process's view of
/// the head exact.
/// </summary>
internal sealed partial class DynamoDbSessionStore
{
    private const int MaxEventsPerWrite = 25;

    private readonly ConcurrentDictionary<string, SessionWriter> _writers = new(StringComparer.Ordinal);

    /// <summary>Appends one event (gathered with those queued behind the write in flight); throws <see cref="SessionConflictException"/> when its seq is taken.</summary>
    public async Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken) =>
        await EnqueueAsync(sessionId, new QueuedWrite(storedEvent, null), cancellationToken);

    /// <summary>
    /// The record and the event in one conditional update of the session item; after a turn's end
    /// the head is copied to event items while nothing waits (the caller has its answer already).
    /// </summary>
    public async Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken) =>
        (await EnqueueAsync(record.SessionId, new QueuedWrite(storedEvent, record), cancellationToken))!;

    private Task<SessionRecord?> EnqueueAsync(string sessionId, QueuedWrite queued, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var writer = _writers.GetOrAdd(sessionId, static _ => new SessionWriter());
            bool start;
            lock (writer.Gate)
            {
                if (writer.Closed)
                {
                    continue;
                }

                writer.Queue.Add(queued);
                start = !writer.Writing;
                writer.Writing = true;
            }

            if (start)
            {
                _ = DrainAsync(sessionId, writer);
            }

            return queued.Done.Task;
        }
    }

    private async Task DrainAsync(string sessionId, SessionWriter writer)
    {
        while (true)
        {
            List<QueuedWrite> batch;
            lock (writer.Gate)
            {
                if (writer.Queue.Count == 0)
                {
                    writer.Writing = false;
                    writer.Closed = true;
                    _writers.TryRemove(new KeyValuePair<string, SessionWriter>(sessionId, writer));
                    return;
                }

                batch = TakeBatch(writer.Queue);
            }

            try
            {
                if (batch is [{ Record: { } record } commit])
                {
                    commit.Done.TrySetResult(await WriteCommitAsync(record, commit.Event));
                    await CopyAfterCommitAsync(sessionId);
                    continue;
                }

                await WriteEventsAsync(sessionId, [.. batch.Select(q => q.Event)]);
                foreach (var q in batch)
                {
                    q.Done.TrySetResult(null);
                }
            }
            catch (Exception ex)
            {
                foreach (var q in batch)
                {
                    q.Done.TrySetException(ex);
                }

                if (batch[0].Record is null)
                {
                    FailFollowers(writer, batch[^1].Event.Seq, ex);
                }
            }
        }
    }

    /// <summary>
    /// Stamps a write of the session item with an id of its own (<c>write_id</c>), the same on the
    /// SDK's retries of it, so a refused retry can tell whether its first try was applied.
    /// </summary>
    private static string MarkWrite(UpdateItemRequest request)
    {
        var id = Guid.NewGuid().ToString("N");
        request.ExpressionAttributeNames["#write_id"] = WriteId;
        request.ExpressionAttributeValues[":write_id"] = new() { S = id };
        // SetLog leaves an expression that starts with its SET clause.
        request.UpdateExpression = "SET #write_id = :write_id, " + request.UpdateExpression["SET ".Length..];
        return id;
    }

    /// <summary>
    /// After a refused conditional write: whether the store holds this very write already. The SDK
    /// retries a call whose answer was lost (it retries every I/O error, <c>MaxErrorRetry</c>), and
    /// the retry's condition then fails on its own first try, which was applied. Then it succeeded:
    /// the session item carries the write's id, and its log ends at the write's last seq.
    /// </summary>
    private async Task<bool> AppliedBeforeAsync(string sessionId, long lastSeq, string writeId)
    {
        var item = (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = "#last, #pending, #write_id",
            ExpressionAttributeNames = new() { ["#last"] = LogLast, ["#pending"] = LogPending, ["#write_id"] = WriteId },
        }, CancellationToken.None)).Item;
        if (item is not { Count: > 0 } || !item.TryGetValue(WriteId, out var id) || id.S != writeId
            || !item.TryGetValue(LogLast, out var last) || ParseN(last) != lastSeq)
        {
            return false;
        }

        Log.RetriedWriteWasApplied(_logger, sessionId, lastSeq);
        RememberRead(sessionId, item);
        return true;
    }

    /// <summary>The next write: a commit alone, or the appends at the queue's front with consecutive seqs, up to the head's bound.</summary>
    private static List<QueuedWrite> TakeBatch(List<QueuedWrite> queue)
    {
        var take = 1;
        if (queue[0].Record is null)
        {
            var bytes = queue[0].Event.Frame.Length;
            while (take < queue.Count && take < MaxEventsPerWrite && queue[take].Record is null
                   && queue[take].Event.Seq == queue[take - 1].Event.Seq + 1
                   && bytes + queue[take].Event.Frame.Length <= MaxPendingBytes / 2)
            {
                bytes += queue[take].Event.Frame.Length;
                take++;
            }
        }

        var batch = queue[..take];
        queue.RemoveRange(0, take);
        return batch;
    }

    /// <summary>Appends queued right behind a failed one fail with it: their seqs follow one that is not stored.</summary>
    private static void FailFollowers(SessionWriter writer, long failedSeq, Exception ex)
    {
        List<QueuedWrite> followers = [];
        lock (writer.Gate)
        {
            while (writer.Queue is [{ Record: null } next, ..] && next.Event.Seq == failedSeq + 1)
            {
                followers.Add(next);
                writer.Queue.RemoveAt(0);
                failedSeq++;
            }
        }

        foreach (var q in followers)
        {
            q.Done.TrySetException(ex);
        }
    }

    private sealed record QueuedWrite(StoredEvent Event, SessionRecord? Record)
    {
        public TaskCompletionSource<SessionRecord?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One session's writes waiting for the one in flight; closed once drained.</summary>
    private sealed class SessionWriter
    {
        public Lock Gate { get; } = new();

        public List<QueuedWrite> Queue { get; } = [];

        public bool Writing { get; set; }

        public bool Closed { get; set; }
    }
}
