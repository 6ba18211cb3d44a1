using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Opens the configured store at start, so a bad <c>DATA_DIR</c> or an unreachable table stops the
/// service before it accepts connections; creates the DynamoDB table when <c>DYNAMODB_CREATE_TABLE</c> is on.
/// </summary>
internal sealed class SessionStoreInitializer(IServiceProvider services, IOptions<DynamoDbOptions> dynamoDb) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ISessionStore>();
        if (store is DynamoDbSessionStore dynamo && dynamoDb.Value.CreateTable)
        {
            await dynamo.EnsureTableAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
