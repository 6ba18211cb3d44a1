using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace TalknShop.Orchestrator.Sessions;

internal sealed partial class DynamoDbSessionStore
{
    /// <summary>
    /// Creates the table (on-demand capacity, <c>pk</c>/<c>sk</c> strings) when it is missing, waits
    /// until it is active, and turns on TTL on <c>ttl</c> where the server supports it. Idempotent.
    /// </summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.CreateTableAsync(new CreateTableRequest
            {
                TableName = _table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions =
                [
                    new AttributeDefinition("pk", ScalarAttributeType.S),
                    new AttributeDefinition("sk", ScalarAttributeType.S),
                ],
                KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            }, cancellationToken);
            Log.TableCreated(_logger, _table);
        }
        catch (ResourceInUseException)
        {
            // Already there (or being created by another instance).
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while ((await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, deadline.Token)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, deadline.Token);
        }

        try
        {
            await _client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = _table,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "ttl", Enabled = true },
            }, cancellationToken);
        }
        catch (AmazonDynamoDBException ex)
        {
            // Local servers without TTL support, or TTL already enabled: reads ignore expired items anyway.
            Log.TtlNotEnabled(_logger, ex.ErrorCode ?? ex.GetType().Name, _table);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not delete old events of session {SessionId}; the next sweep catches up")]
        public static partial void RetentionFailed(ILogger logger, Exception exception, string sessionId);

        [LoggerMessage(2, LogLevel.Information, "Created DynamoDB table {Table}")]
        public static partial void TableCreated(ILogger logger, string table);

        [LoggerMessage(3, LogLevel.Debug, "TTL not enabled on {Table} ({Reason})")]
        public static partial void TtlNotEnabled(ILogger logger, string reason, string table);

        [LoggerMessage(4, LogLevel.Warning, "Could not copy the events of session {SessionId} to their own items; they stay in the session item until the next write copies them")]
        public static partial void CopyFailed(ILogger logger, Exception exception, string sessionId);

        [LoggerMessage(5, LogLevel.Information, "A retried write of session {SessionId} (through seq {Seq}) had been applied before its answer was lost; taken as stored")]
        public static partial void RetriedWriteWasApplied(ILogger logger, string sessionId, long seq);
    }
}
