using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Sessions in one DynamoDB table (item layout in <see cref="DynamoDbItems"/>). <c>ttl</c> (epoch
/// seconds) is refreshed on every save; DynamoDB deletes expired items lazily, so reads treat an
/// expired session as absent.
/// Writes are single-item conditional puts: the session item on its version, events on their sort
/// key. A commit (record + event) writes the event into the session item too, then appends it;
/// whoever next reads the log's last seq appends it if a crash came between the two (see
/// <see cref="GetLastSeqAsync"/>). That is the equivalent of a TransactWriteItems of both, which
/// local DynamoDB-API servers such as dynalite do not implement. Retention: after an append,
/// events more than <c>SESSION_EVENT_RETENTION</c> seqs behind it are deleted, best effort.
/// </summary>
internal sealed partial class DynamoDbSessionStore : ISessionStore, IDisposable
{
    private const int BatchSize = 25;

    private readonly AmazonDynamoDBClient _client;
    private readonly string _table;
    private readonly SessionStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DynamoDbSessionStore> _logger;
    private readonly HeldLeases? _leases;

    public DynamoDbSessionStore(IOptions<DynamoDbOptions> dynamoDb, IOptions<SessionStoreOptions> options, TimeProvider time, ILogger<DynamoDbSessionStore> logger, HeldLeases? leases = null)
    {
        _leases = leases;
        _client = DynamoDbClientFactory.Create(dynamoDb.Value);
        _table = dynamoDb.Value.TableName;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public string Name => "dynamodb";

    public bool OrderedAppends => false;

    private const int RetentionSweepEvery = 100;

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
        }, cancellationToken);
        var item = response.Item;
        if (item is null || item.Count == 0 || IsExpired(item))
        {
            return null;
        }

        return SessionJsonContext.Deserialize(RecordJson(item)) with { Version = long.Parse(item["version"].N, CultureInfo.InvariantCulture) };
    }

    public async Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        var created = record with { Version = 1 };
        PutItemResponse response;
        try
        {
            // An expired item that TTL has not removed yet counts as absent.
            response = await _client.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = SessionItem(created),
                ConditionExpression = "attribute_not_exists(pk) OR #ttl <= :now",
                ExpressionAttributeNames = new() { ["#ttl"] = "ttl" },
                ExpressionAttributeValues = new() { [":now"] = Number(_time.GetUtcNow().ToUnixTimeSeconds()) },
                ReturnValues = ReturnValue.ALL_OLD,
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }

        if (response.Attributes is { Count: > 0 })
        {
            // Replaced an expired session with the same id: its events must not be replayed to the new one.
            await DeleteEventsAsync(record.SessionId, long.MaxValue, cancellationToken);
        }

        return true;
    }

    public async Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        if (record.Version == 0)
        {
            return await TryCreateAsync(record, cancellationToken) ? record with { Version = 1 } : throw Conflict(record, null);
        }

        var saved = record with { Version = record.Version + 1 };
        var put = new PutItemRequest
        {
            TableName = _table,
            Item = SessionItem(saved),
            ConditionExpression = "version = :expected",
            ExpressionAttributeValues = new() { [":expected"] = Number(record.Version) },
        };
        FenceRecordWrite(put);
        try
        {
            await _client.PutItemAsync(put, cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw await LeaseLostAsync(record.SessionId, cancellationToken) ?? Conflict(record, ex);
        }

        return saved;
    }

    public async Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var saved = record with { Version = record.Version + 1 };
        var item = SessionItem(saved);
        item[CommitSeq] = Number(storedEvent.Seq);
        item[CommitType] = new() { S = storedEvent.Type };
        item[CommitFrame] = new() { B = new MemoryStream(storedEvent.Frame.ToArray()) };
        var put = new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = "version = :expected",
            ExpressionAttributeValues = new() { [":expected"] = Number(record.Version) },
        };
        FenceRecordWrite(put);
        try
        {
            await _client.PutItemAsync(put, cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw await LeaseLostAsync(record.SessionId, cancellationToken) ?? Conflict(record, ex);
        }

        // Committed: from here on the event is the session's even if this append never happens.
        try
        {
            await AppendEventAsync(record.SessionId, storedEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is SessionConflictException or SessionLeaseLostException)
        {
            // Fine when a reader repaired the log with this very event between our two writes
            // (a new owner's fence does: the commit landed before it).
            var stored = await GetEventsAsync(record.SessionId, storedEvent.Seq - 1, 1, cancellationToken);
            if (stored is not [var same] || same.Seq != storedEvent.Seq || !same.Frame.Span.SequenceEqual(storedEvent.Frame.Span))
            {
                if (ex is SessionLeaseLostException)
                {
                    throw;
                }

                // Another instance took the seq after the record was committed: the caller
                // stores the event at a later seq.
                throw new EventSeqTakenException(saved);
            }
        }

        return saved;
    }

    public async Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var put = new PutItemRequest
        {
            TableName = _table,
            Item = EventItem(sessionId, storedEvent, _time.GetUtcNow() + _options.Ttl),
            ConditionExpression = "attribute_not_exists(sk)",
        };
        FenceAppend(sessionId, put);
        try
        {
            await _client.PutItemAsync(put, cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw await LeaseLostAsync(sessionId, cancellationToken) ?? new SessionConflictException($"Seq {storedEvent.Seq} of session {sessionId} is taken.", ex);
        }

        var oldestKept = storedEvent.Seq - _options.EventRetention + 1;
        if (oldestKept > 1)
        {
            try
            {
                if (storedEvent.Seq % RetentionSweepEvery == 0)
                {
                    // Now and then a range sweep (a query and batch deletes) catches up on a
                    // delete that failed or a retention that was lowered.
                    await DeleteEventsAsync(sessionId, oldestKept - 1, cancellationToken);
                }
                else
                {
                    // Seqs are gapless, so exactly one event falls out of the window: one call,
                    // not a query plus a batch write for every append of a long conversation.
                    await _client.DeleteItemAsync(new DeleteItemRequest
                    {
                        TableName = _table,
                        Key = new() { ["pk"] = new() { S = sessionId }, ["sk"] = new() { S = EventSk(oldestKept - 1) } },
                    }, cancellationToken);
                }
            }
            catch (AmazonDynamoDBException ex)
            {
                // Retention is housekeeping: the event is stored, and the next append tries again.
                Log.RetentionFailed(_logger, ex, sessionId);
            }
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        if (afterSeq >= MaxSeq)
        {
            return events;
        }

        var fence = await ReadFenceAsync(sessionId, cancellationToken);
        Dictionary<string, AttributeValue>? start = null;
        while (events.Count < limit)
        {
            var page = await _client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = new() { S = sessionId },
                    [":from"] = new() { S = EventSk(Math.Max(afterSeq, -1) + 1) },
                    [":to"] = new() { S = EventSk(MaxSeq) },
                },
                ConsistentRead = true,
                Limit = limit - events.Count,
                ExclusiveStartKey = start,
            }, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                if (!IsVoid(item, fence))
                {
                    events.Add(ToStoredEvent(item));
                }
            }

            start = page.LastEvaluatedKey;
            if (start is null || start.Count == 0)
            {
                break;
            }
        }

        return events;
    }

    public async Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken)
    {
        // The session item first: its fence says which events count, and its commit which one may be missing.
        var session = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = $"{CommitSeq}, {CommitType}, {CommitFrame}, {FenceEpoch}, {FenceSeqAttr}",
        }, cancellationToken);
        var fence = session.Item is { Count: > 0 } sessionItem ? ReadFence(sessionItem) : null;
        var last = await QueryLastSeqAsync(sessionId, fence, cancellationToken);
        if (session.Item is { } item && item.TryGetValue(CommitSeq, out var committed) && long.Parse(committed.N, CultureInfo.InvariantCulture) is var seq && seq > last)
        {
            // A commit whose append a crash cut off: the event belongs in the log before anything after it.
            var repair = new PutItemRequest
            {
                TableName = _table,
                Item = EventItem(sessionId, new StoredEvent(seq, item[CommitType].S, item[CommitFrame].B.ToArray()), _time.GetUtcNow() + _options.Ttl),
                ConditionExpression = "attribute_not_exists(sk)",
            };
            if (fence is { } f)
            {
                // Written under the fence's epoch, over a void event if one holds the seq.
                repair.Item[EventEpoch] = Number(f.Epoch);
                repair.ConditionExpression = FencedAppendCondition;
                repair.ExpressionAttributeNames = new() { ["#seq"] = "seq", ["#epoch"] = EventEpoch };
                repair.ExpressionAttributeValues = new() { [":fence_seq"] = Number(f.Seq), [":epoch"] = Number(f.Epoch) };
            }

            try
            {
                await _client.PutItemAsync(repair, cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                // Another reader repaired it first.
            }

            return seq;
        }

        return last;
    }

    private async Task<long> QueryLastSeqAsync(string sessionId, Fence? fence, CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            // Newest first; void events of an older owner (only ever above the fence) are skipped.
            var response = await _client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = sessionId }, [":prefix"] = new() { S = EventPrefix } },
                ScanIndexForward = false,
                Limit = fence is null ? 1 : BatchSize,
                ConsistentRead = true,
                ProjectionExpression = "sk, #epoch",
                ExpressionAttributeNames = new() { ["#epoch"] = EventEpoch },
                ExclusiveStartKey = start,
            }, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                if (!IsVoid(item, fence))
                {
                    return ParseSeq(item["sk"].S);
                }
            }

            start = response.LastEvaluatedKey;
        }
        while (fence is not null && start is { Count: > 0 });

        return 0;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var response = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, timeout.Token);
        return response.Table is not null;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Deletes the session's events with seq ≤ <paramref name="upToSeq"/>, oldest first, in batches.</summary>
    private async Task DeleteEventsAsync(string sessionId, long upToSeq, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await _client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = new() { S = sessionId },
                    [":from"] = new() { S = EventSk(0) },
                    [":to"] = new() { S = EventSk(Math.Min(upToSeq, MaxSeq)) },
                },
                ProjectionExpression = "pk, sk",
                Limit = BatchSize,
            }, cancellationToken);
            if (page.Items is not { Count: > 0 } items)
            {
                return;
            }

            var requests = items.Select(i => new WriteRequest { DeleteRequest = new DeleteRequest { Key = i } }).ToList();
            var unprocessed = new Dictionary<string, List<WriteRequest>> { [_table] = requests };
            for (var attempt = 0; unprocessed is { Count: > 0 } && attempt < 5; attempt++)
            {
                var result = await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = unprocessed }, cancellationToken);
                unprocessed = result.UnprocessedItems;
            }

            if (items.Count < BatchSize)
            {
                return;
            }
        }
    }

    private bool IsExpired(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("ttl", out var ttl) && long.Parse(ttl.N, CultureInfo.InvariantCulture) <= _time.GetUtcNow().ToUnixTimeSeconds();

    private static SessionConflictException Conflict(SessionRecord record, Exception? inner)
    {
        var message = $"Session {record.SessionId} changed (expected version {record.Version}).";
        return inner is null ? new(message) : new(message, inner);
    }
}
