using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Fencing by lease epoch with single-item conditions (no TransactWriteItems: dynalite lacks it).
/// The session item carries <c>fence_epoch</c> (the newest lease's epoch) and <c>fence_seq</c> (the
/// log's last seq when that lease was taken); each event carries the <c>epoch</c> it was written under.
/// <list type="bullet">
/// <item>The record is written only by the fence's holder (<c>fence_epoch = :epoch</c>); once a
/// session was leased, a writer without the lease is refused too.</item>
/// <item>An event the previous owner appended after the fence moved (seq above <c>fence_seq</c>,
/// older epoch) is void: readers skip it and the new owner writes over it. An owner whose append
/// meets an event of its own epoch or a newer one learns that it lost the lease.</item>
/// </list>
/// </summary>
internal sealed partial class DynamoDbSessionStore
{
    private const string FenceEpoch = "fence_epoch";
    private const string FenceSeqAttr = "fence_seq";
    private const string EventEpoch = "epoch";

    /// <summary>Appends the holder may make: a free seq, or one taken by a void event of an older owner.</summary>
    private const string FencedAppendCondition = "attribute_not_exists(sk) OR (#seq > :fence_seq AND (attribute_not_exists(#epoch) OR #epoch < :epoch))";

    private const int MaxFenceAttempts = 50;

    internal AmazonDynamoDBClient Client => _client;

    internal string Table => _table;

    private readonly record struct Fence(long Epoch, long Seq);

    /// <summary>
    /// Moves the session's fence to <paramref name="epoch"/> and returns the log's last seq at that
    /// moment (which becomes <c>fence_seq</c>). Conditioned on the record's version, so a commit of
    /// the previous owner lands either before (and its event counts) or not at all.
    /// </summary>
    internal async Task<long> FenceAsync(string sessionId, long epoch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = (await _client.GetItemAsync(new GetItemRequest
            {
                TableName = _table,
                Key = Key(sessionId, SessionSk),
                ConsistentRead = true,
                ProjectionExpression = $"version, {FenceEpoch}",
            }, cancellationToken)).Item;
            if (item is not { Count: > 0 })
            {
                // No session yet: nothing to fence, and the first write creates it.
                return 0;
            }

            if (ReadFence(item) is { } current && current.Epoch >= epoch)
            {
                throw new SessionLeaseLostException(sessionId, epoch);
            }

            var last = await GetLastSeqAsync(sessionId, cancellationToken);
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(sessionId, SessionSk),
                    UpdateExpression = $"SET {FenceEpoch} = :epoch, {FenceSeqAttr} = :seq",
                    ConditionExpression = $"version = :version AND (attribute_not_exists({FenceEpoch}) OR {FenceEpoch} < :epoch)",
                    ExpressionAttributeValues = new() { [":epoch"] = Number(epoch), [":seq"] = Number(last), [":version"] = item["version"] },
                }, cancellationToken);
                return last;
            }
            catch (ConditionalCheckFailedException) when (attempt < MaxFenceAttempts)
            {
                // The previous owner saved meanwhile (or a newer lease fenced first): read again.
            }
        }
    }

    /// <summary>Adds the fence to a write of the session item: the holder's epoch, or "never leased" for a writer without a lease.</summary>
    private void FenceRecordWrite(PutItemRequest put)
    {
        if (_leases is null)
        {
            return;
        }

        if (_leases.Get(put.Item["pk"].S) is { } lease)
        {
            put.Item[FenceEpoch] = Number(lease.Epoch);
            put.Item[FenceSeqAttr] = Number(lease.FenceSeq);
            put.ConditionExpression = $"({put.ConditionExpression}) AND {FenceEpoch} = :epoch";
            put.ExpressionAttributeValues[":epoch"] = Number(lease.Epoch);
        }
        else
        {
            put.ConditionExpression = $"({put.ConditionExpression}) AND attribute_not_exists({FenceEpoch})";
        }
    }

    /// <summary>Adds the holder's epoch to an event append, and lets it write over a void event.</summary>
    private void FenceAppend(string sessionId, PutItemRequest put)
    {
        if (_leases?.Get(sessionId) is { } lease)
        {
            put.Item[EventEpoch] = Number(lease.Epoch);
            put.ConditionExpression = FencedAppendCondition;
            put.ExpressionAttributeNames = new() { ["#seq"] = "seq", ["#epoch"] = EventEpoch };
            put.ExpressionAttributeValues = new() { [":fence_seq"] = Number(lease.FenceSeq), [":epoch"] = Number(lease.Epoch) };
        }
    }

    /// <summary>
    /// After a refused write of a session this process holds: when a newer lease fenced it, the
    /// lease is lost (and forgotten); otherwise null, and the caller reports an ordinary conflict.
    /// </summary>
    private async Task<Exception?> LeaseLostAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_leases?.Get(sessionId) is not { } lease)
        {
            return null;
        }

        var item = (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = FenceEpoch,
        }, cancellationToken)).Item;
        if (item is { Count: > 0 } && ReadFence(item) is { } fence && fence.Epoch > lease.Epoch)
        {
            _leases.Remove(sessionId, lease.Epoch);
            return new SessionLeaseLostException(sessionId, lease.Epoch);
        }

        return null;
    }

    private async Task<Fence?> ReadFenceAsync(string sessionId, CancellationToken cancellationToken)
    {
        var item = (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(sessionId, SessionSk),
            ConsistentRead = true,
            ProjectionExpression = $"{FenceEpoch}, {FenceSeqAttr}",
        }, cancellationToken)).Item;
        return item is { Count: > 0 } ? ReadFence(item) : null;
    }

    private static Fence? ReadFence(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(FenceEpoch, out var epoch)
            ? new Fence(ParseN(epoch), item.TryGetValue(FenceSeqAttr, out var seq) ? ParseN(seq) : long.MaxValue)
            : null;

    /// <summary>An event an older owner appended after the fence moved: not part of the log.</summary>
    private static bool IsVoid(Dictionary<string, AttributeValue> eventItem, Fence? fence) =>
        fence is { } f && ParseSeq(eventItem["sk"].S) > f.Seq
        && (!eventItem.TryGetValue(EventEpoch, out var epoch) || ParseN(epoch) < f.Epoch);

    private static long ParseN(AttributeValue value) => long.Parse(value.N, CultureInfo.InvariantCulture);
}
