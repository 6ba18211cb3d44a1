using Amazon.DynamoDBv2.Model;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Reading a log of the earlier layout (a session item without <c>log_last</c>): every event in its
/// own item, a commit's event kept in the session item until its item was written, and, once the
/// session was leased, void events an older owner wrote above the fence. The first write of such a
/// session moves its log into the session item; nothing writes this layout any more.
/// </summary>
internal sealed partial class DynamoDbSessionStore
{
    private async Task<long> LegacyLastSeqAsync(string sessionId, Dictionary<string, AttributeValue> session, Fence? fence, CancellationToken cancellationToken)
    {
        var last = await LegacyNewestItemAsync(sessionId, fence, cancellationToken);
        if (!session.TryGetValue(LegacyCommitSeq, out var committed) || ParseN(committed) is var seq && seq <= last)
        {
            return last;
        }

        // A commit whose append a crash cut off: the event belongs in the log before anything after it.
        var repair = new PutItemRequest
        {
            TableName = _table,
            Item = EventItem(sessionId, new StoredEvent(seq, session[LegacyCommitType].S, session[LegacyCommitFrame].B.ToArray()), _time.GetUtcNow() + _options.Ttl),
            ConditionExpression = "attribute_not_exists(sk)",
        };
        if (fence is { } f)
        {
            // Written under the fence's epoch, over a void event if one holds the seq.
            repair.Item[EventEpoch] = Number(f.Epoch);
            repair.ConditionExpression = "attribute_not_exists(sk) OR (#seq > :fence_seq AND (attribute_not_exists(#epoch) OR #epoch < :epoch))";
            repair.ExpressionAttributeNames = new() { ["#seq"] = "seq", ["#epoch"] = EventEpoch };
            repair.ExpressionAttributeValues = new() { [":fence_seq"] = Number(f.Seq), [":epoch"] = Number(f.Epoch) };
        }

        try
        {
            await _client.PutItemAsync(repair, cancellationToken);
        }
        catch (Amazon.DynamoDBv2.Model.ConditionalCheckFailedException)
        {
            // Another reader repaired it first.
        }

        return seq;
    }

    private async Task<long> LegacyNewestItemAsync(string sessionId, Fence? fence, CancellationToken cancellationToken)
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

    private async Task<IReadOnlyList<StoredEvent>> LegacyEventsAsync(string sessionId, long afterSeq, int limit, Fence? fence, CancellationToken cancellationToken) =>
        await QueryEventItemsAsync(sessionId, afterSeq, MaxSeq, limit, fence, cancellationToken);
}
