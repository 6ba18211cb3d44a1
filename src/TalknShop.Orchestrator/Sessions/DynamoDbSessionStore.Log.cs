using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// The event log. An event is stored when a conditional write of the session item takes it:
/// <c>log_last</c> moves from the seq before it to its own (so two writers never take the same
/// seq, and seqs stay gapless) and the event joins <c>log_pending</c>, the events not yet copied
/// to their own items. Now and then, at a turn's end, the pending events are copied to event
/// items with one <c>BatchWriteItem</c> (with the retention deletes) and dropped from the
/// session item by the next conditional write. A batch write has no conditions, which is safe
/// here because a seq's content never changes once a conditional write has taken it.
/// Why: one conditional put per event made a search turn ~40 sequential calls, each a network
/// round trip in a region; now an append is one call, a commit one (two when it copies), and
/// the log never has an event a crash could lose or a seq without its event.
/// </summary>
internal sealed partial class DynamoDbSessionStore
{
    private const int CopyAtPendingEvents = 8;
    private const int CopyAtPendingBytes = 128 * 1024;
    private const int MaxCachedLogs = 20_000;
    private const int MaxEventsPerWrite = 25;

    // What this process knows of each session's pending events, so a copy needs no read first.
    // Only a hint: every write is conditional on log_last, so a stale entry fails the write
    // (and is dropped) instead of losing anything. Bounded; a miss costs one read.
    private readonly ConcurrentDictionary<string, PendingLog> _logs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Appender> _appenders = new(StringComparer.Ordinal);

    /// <summary>
    /// Appends made back to back without waiting (the hub's write-behind) are gathered: while one
    /// write of a session is in flight the next events queue, and the next write takes them all,
    /// so a turn's events cost a few calls, not one each. Applied in seq order.
    /// </summary>
    public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new QueuedAppend(storedEvent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        while (true)
        {
            var appender = _appenders.GetOrAdd(sessionId, static _ => new Appender());
            bool start;
            lock (appender.Gate)
            {
                if (appender.Closed)
                {
                    continue;
                }

                appender.Queue.Add(queued);
                start = !appender.Writing;
                appender.Writing = true;
            }

            if (start)
            {
                _ = DrainAsync(sessionId, appender);
            }

            return queued.Stored.Task;
        }
    }

    private async Task DrainAsync(string sessionId, Appender appender)
    {
        while (true)
        {
            List<QueuedAppend> batch;
            lock (appender.Gate)
            {
                if (appender.Queue.Count == 0)
                {
                    appender.Writing = false;
                    appender.Closed = true;
                    _appenders.TryRemove(new KeyValuePair<string, Appender>(sessionId, appender));
                    return;
                }

                // One write takes consecutive seqs only, up to what one item update should carry.
                var take = 1;
                var bytes = appender.Queue[0].Event.Frame.Length;
                while (take < appender.Queue.Count && take < MaxEventsPerWrite
                       && appender.Queue[take].Event.Seq == appender.Queue[take - 1].Event.Seq + 1
                       && bytes + appender.Queue[take].Event.Frame.Length <= CopyAtPendingBytes)
                {
                    bytes += appender.Queue[take].Event.Frame.Length;
                    take++;
                }

                batch = appender.Queue[..take];
                appender.Queue.RemoveRange(0, take);
            }

            try
            {
                await WriteEventsAsync(sessionId, [.. batch.Select(q => q.Event)], CancellationToken.None);
                foreach (var q in batch)
                {
                    q.Stored.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                // The events after a failed write fail too: their seqs follow ones not stored.
                foreach (var q in batch)
                {
                    q.Stored.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>One conditional update that takes <paramref name="events"/> (consecutive seqs) into the log.</summary>
    private async Task WriteEventsAsync(string sessionId, List<StoredEvent> events, CancellationToken cancellationToken)
    {
        var first = events[0].Seq;
        if (!_logs.ContainsKey(sessionId))
        {
            // Without this process's view of the pending events it could never copy them, and
            // the session item would grow to its size limit.
            await ReadLogAsync(sessionId, cancellationToken);
        }

        var known = _logs.TryGetValue(sessionId, out var cached) && cached.Last == first - 1 ? cached : null;
        var copied = known?.Events is { } pendingEvents && known.NeedsCopy(events);
        if (copied)
        {
            await CopyPendingAsync(sessionId, known!.Events!, cancellationToken);
        }

        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ExpressionAttributeNames = new() { ["#last"] = LogLast, ["#pending"] = LogPending },
            ExpressionAttributeValues = new()
            {
                [":seq"] = Number(events[^1].Seq),
                [":events"] = new() { L = [.. events.Select(PendingItem)] },
            },
        };
        if (copied)
        {
            request.UpdateExpression = "SET #pending = :events, #last = :seq";
        }
        else
        {
            request.UpdateExpression = "SET #pending = list_append(if_not_exists(#pending, :empty), :events), #last = :seq";
            request.ExpressionAttributeValues[":empty"] = new() { L = [], IsLSet = true };
        }

        SetLastCondition(request, first - 1);
        try
        {
            await _client.UpdateItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            _logs.TryRemove(sessionId, out _);
            throw new SessionConflictException($"Seq {first} of session {sessionId} is taken (or not the next one).", ex);
        }
        catch
        {
            _logs.TryRemove(sessionId, out _);
            throw;
        }

        Remember(sessionId, known?.Events is not { } before ? null : copied ? events : [.. before, .. events], events[^1].Seq);
    }

    public async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        if (afterSeq >= MaxSeq || limit <= 0)
        {
            return [];
        }

        var log = await ReadLogAsync(sessionId, cancellationToken);
        // Retention is the window behind the newest seq; copies may delete the old items later.
        var from = Math.Max(afterSeq, log.Last - _options.EventRetention);
        var events = new SortedDictionary<long, StoredEvent>();
        foreach (var pending in log.Events ?? [])
        {
            if (pending.Seq > from)
            {
                events[pending.Seq] = pending;
            }
        }

        Dictionary<string, AttributeValue>? start = null;
        var firstPending = events.Count > 0 ? events.Keys.First() : long.MaxValue;
        while (events.Count(e => e.Key < firstPending) < limit && from + 1 < firstPending)
        {
            var page = await _client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = new() { S = sessionId },
                    [":from"] = new() { S = EventSk(Math.Max(from, -1) + 1) },
                    [":to"] = new() { S = EventSk(Math.Min(firstPending - 1, MaxSeq)) },
                },
                ConsistentRead = true,
                Limit = limit,
                ExclusiveStartKey = start,
            }, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                var stored = ToStoredEvent(item);
                events.TryAdd(stored.Seq, stored);
            }

            start = page.LastEvaluatedKey;
            if (start is null || start.Count == 0)
            {
                break;
            }
        }

        return [.. events.Values.Take(limit)];
    }

    public async Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken) =>
        (await ReadLogAsync(sessionId, cancellationToken)).Last;

    /// <summary>The session item's log fields (read consistently), remembered for the next copy.</summary>
    private async Task<PendingLog> ReadLogAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = "#last, #pending, #ttl, commit_seq, commit_type, commit_frame",
            ExpressionAttributeNames = new() { ["#last"] = LogLast, ["#pending"] = LogPending, ["#ttl"] = "ttl" },
        }, cancellationToken);
        return await LogOfAsync(sessionId, response.Item, cancellationToken);
    }

    /// <summary>The log state held by a session item just read (null or empty when there is none).</summary>
    private async Task<PendingLog> LogOfAsync(string sessionId, Dictionary<string, AttributeValue>? item, CancellationToken cancellationToken)
    {
        if (item is null || item.Count == 0)
        {
            _logs.TryRemove(sessionId, out _);
            return new PendingLog(0, []);
        }

        if (!item.TryGetValue(LogLast, out var last))
        {
            // Written before the log moved into the session item: the newest event item, or the
            // event a commit left in the session item if a crash kept it from the log.
            return new PendingLog(await LegacyLastSeqAsync(sessionId, item, cancellationToken), null);
        }

        var events = item.TryGetValue(LogPending, out var pending) ? pending.L.Select(FromPendingItem).ToList() : [];
        var log = new PendingLog(long.Parse(last.N, CultureInfo.InvariantCulture), events);
        Remember(sessionId, events, log.Last);
        return log;
    }

    /// <summary>
    /// Copies <paramref name="events"/> to their own items, with the retention deletes they cause.
    /// Idempotent: a seq's content never changes, so copying twice writes the same bytes.
    /// </summary>
    private async Task CopyPendingAsync(string sessionId, List<StoredEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var expiresAt = _time.GetUtcNow() + _options.Ttl;
        // Events already behind the retention window (a small window, a long turn) need no item.
        var floor = events[^1].Seq - _options.EventRetention;
        var writes = events.Where(e => e.Seq > floor)
            .Select(e => new WriteRequest { PutRequest = new PutRequest { Item = EventItem(sessionId, e, expiresAt) } }).ToList();
        var sweep = false;
        foreach (var e in events)
        {
            var leaving = e.Seq - _options.EventRetention;
            if (leaving >= 1 && leaving < events[0].Seq)
            {
                // Seqs are gapless, so each event's arrival pushes exactly one out of the window
                // (those inside this batch were never written).
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
                await DeleteEventsAsync(sessionId, events[^1].Seq - _options.EventRetention, cancellationToken);
            }
            catch (AmazonDynamoDBException ex)
            {
                Log.RetentionFailed(_logger, ex, sessionId);
            }
        }
    }

    private async Task BatchWriteAsync(List<WriteRequest> requests, CancellationToken cancellationToken)
    {
        var unprocessed = new Dictionary<string, List<WriteRequest>> { [_table] = requests };
        for (var attempt = 0; unprocessed is { Count: > 0 }; attempt++)
        {
            if (attempt == 5)
            {
                throw new AmazonDynamoDBException("BatchWriteItem left items unprocessed after 5 attempts (throttled).");
            }

            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 << attempt), _time, cancellationToken);
            }

            var result = await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = unprocessed }, cancellationToken);
            unprocessed = result.UnprocessedItems;
        }
    }

    /// <summary>The condition that the log's newest seq is still <paramref name="previous"/> (0: no event yet).</summary>
    private static void SetLastCondition(UpdateItemRequest request, long previous)
    {
        request.ExpressionAttributeNames["#last"] = LogLast;
        if (previous == 0)
        {
            request.ConditionExpression = Join(request.ConditionExpression, "(attribute_not_exists(#last) OR #last = :zero)");
            request.ExpressionAttributeValues[":zero"] = Number(0);
        }
        else
        {
            // Not there at all: a session of the earlier layout, whose last seq came from its event items.
            request.ConditionExpression = Join(request.ConditionExpression, "(#last = :previous OR attribute_not_exists(#last))");
            request.ExpressionAttributeValues[":previous"] = Number(previous);
        }
    }

    private static string Join(string? condition, string more) => string.IsNullOrEmpty(condition) ? more : $"{condition} AND {more}";

    private void Remember(string sessionId, List<StoredEvent>? events, long last)
    {
        if (events is null)
        {
            _logs.TryRemove(sessionId, out _);
            return;
        }

        if (_logs.Count >= MaxCachedLogs)
        {
            _logs.Clear();
        }

        _logs[sessionId] = new PendingLog(last, events);
    }

    private async Task<long> LegacyLastSeqAsync(string sessionId, Dictionary<string, AttributeValue> session, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = new() { S = sessionId }, [":prefix"] = new() { S = EventPrefix } },
            ScanIndexForward = false,
            Limit = 1,
            ConsistentRead = true,
            ProjectionExpression = "sk",
        }, cancellationToken);
        var last = response.Items is [var newest, ..] ? ParseSeq(newest["sk"].S) : 0;
        if (session.TryGetValue(LegacyCommitSeq, out var committed) && long.Parse(committed.N, CultureInfo.InvariantCulture) is var seq && seq > last)
        {
            // A commit of the old layout whose append a crash cut off.
            await BatchWriteAsync([new WriteRequest { PutRequest = new PutRequest
            {
                Item = EventItem(sessionId, new StoredEvent(seq, session[LegacyCommitType].S, session[LegacyCommitFrame].B.ToArray()), _time.GetUtcNow() + _options.Ttl),
            } }], cancellationToken);
            return seq;
        }

        return last;
    }

    /// <summary>A session's log as this process last saw it: the newest seq and the events not yet in their own items.</summary>
    private sealed record PendingLog(long Last, List<StoredEvent>? Events)
    {
        public bool NeedsCopy(List<StoredEvent> next) =>
            Events is { } events && (events.Count + next.Count > CopyAtPendingEvents * 3
                || events.Sum(e => e.Frame.Length) + next.Sum(e => e.Frame.Length) > CopyAtPendingBytes);
    }

    private sealed record QueuedAppend(StoredEvent Event, TaskCompletionSource Stored);

    /// <summary>One session's appends waiting for the write in flight; closed once drained.</summary>
    private sealed class Appender
    {
        public Lock Gate { get; } = new();

        public List<QueuedAppend> Queue { get; } = [];

        public bool Writing { get; set; }

        public bool Closed { get; set; }
    }
}
