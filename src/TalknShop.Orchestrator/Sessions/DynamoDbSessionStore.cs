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
/// Every write is one conditional update of the session item: the record on its version, the
/// event log on its head (<c>log_last</c>, see the <c>Log</c> part), both on the lease fence (see
/// <c>Fencing</c>). So a commit (record + event) is one conditional write of one item, the
/// equivalent of a TransactWriteItems of both, which local DynamoDB-API servers such as dynalite
/// do not implement.
/// </summary>
internal sealed partial class DynamoDbSessionStore : ISessionStore, IDisposable
{
    private const int BatchSize = 25;
    private const int RetentionSweepEvery = 100;

    private readonly AmazonDynamoDBClient _client;
    private readonly string _table;
    private readonly SessionStoreOptions _options;
    private readonly bool _writeBehind;
    private readonly TimeProvider _time;
    private readonly ILogger<DynamoDbSessionStore> _logger;
    private readonly HeldLeases? _leases;

    public DynamoDbSessionStore(IOptions<DynamoDbOptions> dynamoDb, IOptions<SessionStoreOptions> options, TimeProvider time, ILogger<DynamoDbSessionStore> logger, HeldLeases? leases = null)
    {
        _leases = leases;
        _client = DynamoDbClientFactory.Create(dynamoDb.Value);
        _table = dynamoDb.Value.TableName;
        _writeBehind = dynamoDb.Value.WriteBehind;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public string Name => "dynamodb";

    /// <summary>
    /// <c>DYNAMODB_WRITE_BEHIND</c> (default true, see <see cref="DynamoDbOptions.WriteBehind"/>): the
    /// owner of a session holds its lease before it writes, so its writes are fenced. Appends
    /// are applied in order either way (they are gathered per session, see <see cref="AppendEventAsync"/>).
    /// </summary>
    public bool OrderedAppends => _writeBehind;

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
        }, cancellationToken);
        var item = response.Item;
        if (item is null || item.Count == 0 || IsExpired(item) || !item.TryGetValue("version", out var version))
        {
            return null;
        }

        // The turn that read the session commits to its log next: its head needs no second read.
        RememberRead(sessionId, item);
        return SessionJsonContext.Deserialize(RecordJson(item)) with { Version = long.Parse(version.N, CultureInfo.InvariantCulture) };
    }

    public async Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        var created = record with { Version = 1 };
        var item = SessionItem(created);
        item[LogLast] = Number(0);
        item[LogPending] = new() { L = [], IsLSet = true };
        PutItemResponse response;
        try
        {
            // An expired item that TTL has not removed yet counts as absent.
            response = await _client.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = item,
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

        Forget(record.SessionId);
        if (response.Attributes is { Count: > 0 })
        {
            // Replaced an expired session with the same id: its events must not be replayed to the new one.
            await DeleteEventsAsync(record.SessionId, long.MaxValue, cancellationToken);
        }

        Remember(record.SessionId, new PendingLog(0, [], 0));
        return true;
    }

    public async Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        if (record.Version == 0)
        {
            return await TryCreateAsync(record, cancellationToken) ? record with { Version = 1 } : throw Conflict(record, null);
        }

        var saved = record with { Version = record.Version + 1 };
        var request = RecordUpdate(saved, record.Version);
        FenceWrite(request);
        try
        {
            await _client.UpdateItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw await LeaseLostAsync(record.SessionId, cancellationToken) ?? Conflict(record, ex);
        }

        return saved;
    }

    /// <summary>
    /// The conditional update that writes <paramref name="saved"/> over version <paramref name="expected"/>,
    /// leaving the log's and the fence's fields alone.
    /// </summary>
    private UpdateItemRequest RecordUpdate(SessionRecord saved, long expected)
    {
        var item = SessionItem(saved);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":expected"] = Number(expected) };
        var sets = new List<string>();
        foreach (var (name, value) in item)
        {
            if (name is "pk" or "sk")
            {
                continue;
            }

            names["#" + name] = name;
            values[":" + name] = value;
            sets.Add($"#{name} = :{name}");
        }

        // A record that crossed the compression threshold either way leaves its other form behind.
        names["#other"] = item.ContainsKey("record") ? "record_gz" : "record";
        return new UpdateItemRequest
        {
            TableName = _table,
            Key = Key(saved.SessionId, SessionSk),
            UpdateExpression = "SET " + string.Join(", ", sets) + " REMOVE #other",
            ConditionExpression = "#version = :expected",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var response = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, timeout.Token);
        return response.Table is not null;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Deletes the session's event items with seq ≤ <paramref name="upToSeq"/>, oldest first, in batches.</summary>
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

            await BatchWriteAsync([.. items.Select(i => new WriteRequest { DeleteRequest = new DeleteRequest { Key = i } })], cancellationToken);
            if (items.Count < BatchSize)
            {
                return;
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

    private bool IsExpired(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("ttl", out var ttl) && long.Parse(ttl.N, CultureInfo.InvariantCulture) <= _time.GetUtcNow().ToUnixTimeSeconds();

    private static SessionConflictException Conflict(SessionRecord record, Exception? inner)
    {
        var message = $"Session {record.SessionId} changed (expected version {record.Version}).";
        return inner is null ? new(message) : new(message, inner);
    }
}
