using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Fencing by lease epoch with single-item conditions (no TransactWriteItems: dynalite lacks it).
/// The session item carries <c>fence_epoch</c> (the newest lease's epoch) and <c>fence_seq</c> (the
/// log's last seq when that lease was taken). Every write of the session item, the record's and the
/// log's alike, is conditioned on the fence: the holder's epoch (<c>fence_epoch = :epoch</c>), or,
/// for a writer without a lease, a session never leased. Since the log's head lives in the same
/// item, an older owner's append is refused the moment the fence moves, and the refusal tells it
/// that it lost the lease.
/// In the earlier layout each event had its own item with the <c>epoch</c> it was written under,
/// and an event an older owner appended after the fence moved (above <c>fence_seq</c>, older
/// epoch) was void; readers of such a log still skip those (see the <c>Legacy</c> part).
/// </summary>
internal sealed partial class DynamoDbSessionStore
{
    private const string FenceEpoch = "fence_epoch";
    private const string FenceSeqAttr = "fence_seq";
    private const string EventEpoch = "epoch";

    private const int MaxFenceAttempts = 50;

    internal AmazonDynamoDBClient Client => _client;

    internal string Table => _table;

    private readonly record struct Fence(long Epoch, long Seq);

    /// <summary>
    /// Moves the session's fence to <paramref name="epoch"/> and returns the log's last seq at that
    /// moment (which becomes <c>fence_seq</c>). Conditioned on the record's version and the log's
    /// head, so a write of the previous owner lands either before (and counts) or not at all.
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
                ProjectionExpression = $"version, {FenceEpoch}, {LogLast}",
            }, cancellationToken)).Item;
            if (item is not { Count: > 0 } || !item.TryGetValue("version", out var version))
            {
                // No session yet: nothing to fence, and the first write creates it.
                return 0;
            }

            if (ReadFence(item) is { } current && current.Epoch >= epoch)
            {
                throw new SessionLeaseLostException(sessionId, epoch);
            }

            var request = new UpdateItemRequest
            {
                TableName = _table,
                Key = Key(sessionId, SessionSk),
                UpdateExpression = $"SET {FenceEpoch} = :epoch, {FenceSeqAttr} = :seq",
                ConditionExpression = $"version = :version AND (attribute_not_exists({FenceEpoch}) OR {FenceEpoch} < :epoch)",
                ExpressionAttributeValues = new() { [":epoch"] = Number(epoch), [":version"] = version },
            };
            long last;
            if (item.TryGetValue(LogLast, out var head))
            {
                last = ParseN(head);
                request.ConditionExpression += $" AND {LogLast} = :seq";
            }
            else
            {
                last = await GetLastSeqAsync(sessionId, cancellationToken);
                request.ConditionExpression += $" AND attribute_not_exists({LogLast})";
            }

            request.ExpressionAttributeValues[":seq"] = Number(last);
            try
            {
                await _client.UpdateItemAsync(request, cancellationToken);
                return last;
            }
            catch (ConditionalCheckFailedException) when (attempt < MaxFenceAttempts)
            {
                // The previous owner wrote meanwhile (or a newer lease fenced first): read again.
            }
        }
    }

    /// <summary>Adds the fence to a write of the session item: the holder's epoch, or "never leased" for a writer without a lease.</summary>
    private void FenceWrite(UpdateItemRequest request)
    {
        if (_leases is null)
        {
            return;
        }

        if (_leases.Get(request.Key["pk"].S) is { } lease)
        {
            request.ConditionExpression = $"({request.ConditionExpression}) AND {FenceEpoch} = :fence_epoch";
            request.ExpressionAttributeValues[":fence_epoch"] = Number(lease.Epoch);
        }
        else
        {
            request.ConditionExpression = $"({request.ConditionExpression}) AND attribute_not_exists({FenceEpoch})";
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
