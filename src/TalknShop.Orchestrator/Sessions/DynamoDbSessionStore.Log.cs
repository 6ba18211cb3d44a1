using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// The event log. An event is stored when a conditional update of the session item takes it:
/// <c>log_last</c> moves from the seq before it to its own (two writers never take one seq, and
/// seqs stay gapless) and the event joins <c>log_pending</c>, the head of events not yet copied to
/// their own items. After a commit that leaves the head long (a turn's end), or before a write
/// that would grow it past its bound, the head is copied to event items with
/// <c>BatchWriteItem</c> (with the retention deletes), and the next conditional update drops
/// what was copied. A batch write has no conditions, which is safe because a seq's content never
/// changes once a conditional write took it.
/// Why: one conditional put per event (plus its retention delete) made a search turn ~20
/// sequential calls, each a network round trip in a region. Now an append is one update, a
/// turn's appends made back to back are gathered into a few, and the log never holds a seq
/// without its event nor loses an event a write took.
/// </summary>
internal sealed partial class DynamoDbSessionStore
{
    private const int CopyAfterCommitAt = 8;
    private const int MaxPendingEvents = 24;
    private const int MaxPendingBytes = 128 * 1024;
    private const int MaxCachedLogs = 20_000;

    // What this process knows of each session's head, so a write needs no read first. Only a
    // hint: every write is conditional on log_last, so a stale entry fails the write (and is
    // dropped) instead of losing anything. Bounded; a miss costs one read.
    private readonly ConcurrentDictionary<string, PendingLog> _logs = new(StringComparer.Ordinal);

    private async Task WriteEventsAsync(string sessionId, List<StoredEvent> events)
    {
        var head = await HeadBeforeAsync(sessionId, events[0].Seq, events.Sum(e => e.Frame.Length) + events.Count);
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConditionExpression = "attribute_exists(#version)",
            ExpressionAttributeNames = new() { ["#version"] = "version" },
            ExpressionAttributeValues = [],
        };
        await UpdateHeadAsync(head, request, events, async refusal => await LeaseLostAsync(sessionId, CancellationToken.None)
            ?? (refusal is null
                ? new SessionConflictException($"Seq {events[0].Seq} of session {sessionId} is not the next one (the log ends at {head.Last}).")
                : new SessionConflictException($"Seq {events[0].Seq} of session {sessionId} is taken (or not the next one).", refusal)));
    }

    private async Task<SessionRecord> WriteCommitAsync(SessionRecord record, StoredEvent storedEvent)
    {
        var head = await HeadBeforeAsync(record.SessionId, storedEvent.Seq, storedEvent.Frame.Length + 1);
        var saved = record with { Version = record.Version + 1 };
        await UpdateHeadAsync(head, RecordUpdate(saved, record.Version), [storedEvent], refusal => CommitRefusedAsync(record, storedEvent, refusal));
        return saved;
    }

    /// <summary>
    /// Takes <paramref name="events"/> after <paramref name="head"/> with <paramref name="request"/>
    /// (conditional on the head and the fence). A head that ends elsewhere, or a refused condition,
    /// throws what <paramref name="refused"/> makes of it (given the refusal, or null for the former).
    /// </summary>
    private async Task UpdateHeadAsync(PendingLog head, UpdateItemRequest request, List<StoredEvent> events, Func<Exception?, Task<Exception>> refused)
    {
        var sessionId = request.Key["pk"].S;
        if (head.Last != events[0].Seq - 1)
        {
            throw await refused(null);
        }

        head.SetLog(request, events);
        FenceWrite(request);
        var writeId = MarkWrite(request);
        try
        {
            await _client.UpdateItemAsync(request, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Forget(sessionId);
            if (ex is ConditionalCheckFailedException)
            {
                if (await AppliedBeforeAsync(sessionId, events[^1].Seq, writeId))
                {
                    return;
                }

                throw await refused(ex);
            }

            throw;
        }

        Remember(sessionId, head.After(events));
    }

    /// <summary>
    /// Why a commit was refused: the lease moved (<see cref="SessionLeaseLostException"/>), the record
    /// changed (<see cref="SessionConflictException"/>), or only the seq was taken by another
    /// writer, when the record alone is saved and <see cref="EventSeqTakenException"/> tells the
    /// caller to store the event after the log's newest one (as the interface has it for a shared store).
    /// </summary>
    private async Task<Exception> CommitRefusedAsync(SessionRecord record, StoredEvent storedEvent, Exception? refusal)
    {
        if (await LeaseLostAsync(record.SessionId, CancellationToken.None) is { } lost)
        {
            return lost;
        }

        var item = (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(record.SessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = "version, " + LogLast,
        }, CancellationToken.None)).Item;
        if (item is { Count: > 0 } && ParseN(item["version"]) == record.Version
            && item.TryGetValue(LogLast, out var last) && ParseN(last) != storedEvent.Seq - 1)
        {
            return new EventSeqTakenException(await SaveAsync(record, CancellationToken.None));
        }

        return Conflict(record, refusal);
    }

    /// <summary>
    /// The head a write of <paramref name="firstSeq"/> (and <paramref name="bytes"/> more) builds on:
    /// this process's view when it is current, else one read (the caller checks that it ends right
    /// before <paramref name="firstSeq"/>). A head that would grow past its
    /// bound is copied out first, so the write can drop it.
    /// </summary>
    private async Task<PendingLog> HeadBeforeAsync(string sessionId, long firstSeq, int bytes)
    {
        var head = _logs.TryGetValue(sessionId, out var known) && known.Last == firstSeq - 1
            ? known
            : (await ReadLogAsync(sessionId, CancellationToken.None)).Log;
        if (head.Last != firstSeq - 1)
        {
            // The stored log ends elsewhere: another writer took the seq (or it is not the next one).
            return head;
        }

        if (head.Uncopied is { Count: > 0 } uncopied
            && (uncopied.Count >= MaxPendingEvents || uncopied.Sum(e => e.Frame.Length + 1) + bytes > MaxPendingBytes))
        {
            await CopyAsync(sessionId, uncopied, CancellationToken.None);
            head = head with { CopiedThrough = head.Last };
        }

        return head;
    }

    /// <summary>After a commit: a long head (a turn's events) goes to its own items now, while the session is quiet.</summary>
    private async Task CopyAfterCommitAsync(string sessionId)
    {
        if (!_logs.TryGetValue(sessionId, out var head) || head.Uncopied is not { Count: >= CopyAfterCommitAt } uncopied)
        {
            return;
        }

        try
        {
            await CopyAsync(sessionId, uncopied, CancellationToken.None);
            _logs.TryUpdate(sessionId, head with { CopiedThrough = head.Last }, head);
        }
        catch (AmazonDynamoDBException ex)
        {
            // The head still holds them; a later write copies them.
            Log.CopyFailed(_logger, ex, sessionId);
        }
    }

    /// <summary>
    /// Copies <paramref name="events"/> (consecutive seqs) to their own items, with the retention
    /// deletes they cause. Idempotent: a seq's content never changes, so copying twice writes the same bytes.
    /// </summary>
    private async Task CopyAsync(string sessionId, List<StoredEvent> events, CancellationToken cancellationToken)
    {
        var expiresAt = _time.GetUtcNow() + _options.Ttl;
        // Events already behind the retention window (a small window, a long turn) need no item.
        var floor = events[^1].Seq - _options.EventRetention;
        var writes = events.Where(e => e.Seq > floor)
            .Select(e => new WriteRequest { PutRequest = new PutRequest { Item = EventItem(sessionId, e, expiresAt) } }).ToList();
        var sweep = false;
        foreach (var e in events)
        {
            // Seqs are gapless, so each event's arrival pushes exactly one out of the window
            // (those of this batch were never written).
            var leaving = e.Seq - _options.EventRetention;
            if (leaving >= 1 && leaving < events[0].Seq)
            {
                writes.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(sessionId, EventSk(leaving)) } });
            }

            sweep |= leaving >= 1 && e.Seq % RetentionSweepEvery == 0;
        }

        foreach (var chunk in writes.Chunk(BatchSize))
        {
            await BatchWriteAsync([.. chunk], cancellationToken);
        }

        if (sweep)
        {
            try
            {
                // Now and then a range sweep catches up on a delete that failed or a retention that was lowered.
                await DeleteEventsAsync(sessionId, floor, cancellationToken);
            }
            catch (AmazonDynamoDBException ex)
            {
                Log.RetentionFailed(_logger, ex, sessionId);
            }
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        if (afterSeq >= MaxSeq || limit <= 0)
        {
            return [];
        }

        var read = await ReadLogAsync(sessionId, cancellationToken);
        if (read.Log.Events is null)
        {
            return await LegacyEventsAsync(sessionId, afterSeq, limit, read.Fence, cancellationToken);
        }

        // Retention is the window behind the newest seq; a copy deletes the old items later.
        var from = Math.Max(afterSeq, read.Log.Last - _options.EventRetention);
        var events = new SortedDictionary<long, StoredEvent>();
        foreach (var pending in read.Log.Events.Where(e => e.Seq > from))
        {
            events[pending.Seq] = pending;
        }

        // Items hold the seqs below the head (up to log_last: an older owner's void items of the
        // earlier layout may lie above it).
        var to = Math.Min(events.Count > 0 ? events.Keys.First() - 1 : read.Log.Last, read.Log.Last);
        foreach (var stored in await QueryEventItemsAsync(sessionId, from, to, limit, fence: null, cancellationToken))
        {
            events.TryAdd(stored.Seq, stored);
        }

        return [.. events.Values.Take(limit)];
    }

    /// <summary>Up to <paramref name="limit"/> event items with seq in (<paramref name="after"/>, <paramref name="to"/>], in order; void ones skipped.</summary>
    private async Task<List<StoredEvent>> QueryEventItemsAsync(string sessionId, long after, long to, int limit, Fence? fence, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        Dictionary<string, AttributeValue>? start = null;
        while (events.Count < limit && after < to)
        {
            var page = await _client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = new() { S = sessionId },
                    [":from"] = new() { S = EventSk(Math.Max(after, -1) + 1) },
                    [":to"] = new() { S = EventSk(Math.Min(to, MaxSeq)) },
                },
                ConsistentRead = true,
                Limit = limit - events.Count,
                ExclusiveStartKey = start,
            }, cancellationToken);
            events.AddRange((page.Items ?? []).Where(item => !IsVoid(item, fence)).Select(ToStoredEvent));
            start = page.LastEvaluatedKey;
            if (start is not { Count: > 0 })
            {
                break;
            }
        }

        return events;
    }

    public async Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken) =>
        (await ReadLogAsync(sessionId, cancellationToken)).Log.Last;

    /// <summary>The session item's log and fence (read consistently); an earlier-layout log is brought up to date.</summary>
    private async Task<LogRead> ReadLogAsync(string sessionId, CancellationToken cancellationToken)
    {
        var item = (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = $"#last, #pending, {FenceEpoch}, {FenceSeqAttr}, {LegacyCommitSeq}, {LegacyCommitType}, {LegacyCommitFrame}",
            ExpressionAttributeNames = new() { ["#last"] = LogLast, ["#pending"] = LogPending },
        }, cancellationToken)).Item;
        if (item is not { Count: > 0 })
        {
            Forget(sessionId);
            return new LogRead(new PendingLog(0, null, 0), null);
        }

        var fence = ReadFence(item);
        if (!item.ContainsKey(LogLast))
        {
            return new LogRead(new PendingLog(await LegacyLastSeqAsync(sessionId, item, fence, cancellationToken), null, 0), fence);
        }

        return new LogRead(RememberRead(sessionId, item)!, fence);
    }

    /// <summary>Takes the head of a session item just read, unless this process already knows a newer one.</summary>
    private PendingLog? RememberRead(string sessionId, Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(LogLast, out var last))
        {
            return null;
        }

        var read = new PendingLog(ParseN(last), item.TryGetValue(LogPending, out var pending) ? [.. pending.L.Select(FromPendingItem)] : [], 0);
        if (_logs.TryGetValue(sessionId, out var known) && known.Last >= read.Last)
        {
            // Ours is as new (and knows what was copied), or the read is older than our last write.
            return known.Last == read.Last ? known : read;
        }

        Remember(sessionId, read);
        return read;
    }

    private void Remember(string sessionId, PendingLog log)
    {
        if (_logs.Count >= MaxCachedLogs)
        {
            _logs.Clear();
        }

        _logs[sessionId] = log;
    }

    private void Forget(string sessionId) => _logs.TryRemove(sessionId, out _);

    private readonly record struct LogRead(PendingLog Log, Fence? Fence);

    /// <summary>
    /// A session's log as this process last saw it: the newest seq, the events in the session
    /// item's head (null: an earlier-layout log, all in event items), and the newest seq of the
    /// head already copied to its own item (dropped from the head by the next write).
    /// </summary>
    private sealed record PendingLog(long Last, List<StoredEvent>? Events, long CopiedThrough)
    {
        public List<StoredEvent>? Uncopied => Events?.Where(e => e.Seq > CopiedThrough).ToList();

        /// <summary>Adds to <paramref name="request"/>: take <paramref name="events"/> after this head, conditional on it.</summary>
        public void SetLog(UpdateItemRequest request, List<StoredEvent> events)
        {
            request.ExpressionAttributeNames["#last"] = LogLast;
            request.ExpressionAttributeNames["#pending"] = LogPending;
            request.ExpressionAttributeValues[":seq"] = Number(events[^1].Seq);
            string set;
            if (Events is null)
            {
                // An earlier-layout log (its last seq was checked from its items): the first head.
                request.ExpressionAttributeValues[":events"] = new() { L = [.. events.Select(PendingItem)] };
                set = "#pending = :events, #last = :seq";
                request.ConditionExpression = Join(request.ConditionExpression, "attribute_not_exists(#last)");
            }
            else
            {
                var kept = Uncopied!;
                if (kept.Count == Events.Count)
                {
                    request.ExpressionAttributeValues[":events"] = new() { L = [.. events.Select(PendingItem)] };
                    request.ExpressionAttributeValues[":empty"] = new() { L = [], IsLSet = true };
                    set = "#pending = list_append(if_not_exists(#pending, :empty), :events), #last = :seq";
                }
                else
                {
                    // What was copied leaves the head; the condition on log_last makes this head the stored one.
                    request.ExpressionAttributeValues[":events"] = new() { L = [.. kept.Concat(events).Select(PendingItem)] };
                    set = "#pending = :events, #last = :seq";
                }

                request.ConditionExpression = Join(request.ConditionExpression, "#last = :previous");
                request.ExpressionAttributeValues[":previous"] = Number(Last);
            }

            request.UpdateExpression = request.UpdateExpression is { Length: > 0 } existing
                ? existing.Replace("SET ", "SET " + set + ", ", StringComparison.Ordinal)
                : "SET " + set;
        }

        public PendingLog After(List<StoredEvent> events) =>
            Events is null ? new(events[^1].Seq, events, 0) : new(events[^1].Seq, [.. Uncopied!, .. events], 0);

        private static string Join(string? condition, string more) => string.IsNullOrEmpty(condition) ? more : $"({condition}) AND {more}";
    }
}
