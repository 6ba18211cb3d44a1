using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Opens the configured store at start, so a bad <c>DATA_DIR</c> or an unreachable table stops the
/// service before it accepts connections; with SQLite, refuses a second process on the same
/// <c>DATA_DIR</c> (<see cref="SqliteInstanceLock"/>); creates the DynamoDB table when <c>DYNAMODB_CREATE_TABLE</c> is on.
/// </summary>
internal sealed class SessionStoreInitializer(IServiceProvider services, IOptions<SessionStoreOptions> options, IOptions<DynamoDbOptions> dynamoDb) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Store == "sqlite")
        {
            // Taken before the store opens the file, and held by the container until after the
            // store is disposed (singletons are disposed in reverse order of creation), so the
            // last write-behind flush happens while this process still holds the directory.
            services.GetRequiredService<SqliteInstanceLock>();
        }

        var store = services.GetRequiredService<ISessionStore>();
        if (store is DynamoDbSessionStore dynamo && dynamoDb.Value.CreateTable)
        {
            await dynamo.EnsureTableAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
