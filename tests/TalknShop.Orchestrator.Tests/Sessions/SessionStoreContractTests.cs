using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

public sealed class InMemorySessionStoreTests : SessionStoreContract
{
    private protected override Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options) =>
        Task.FromResult<ISessionStore>(new InMemorySessionStore(Options.Create(options)));

    [Fact]
    public Task AppendEventAsync_BackToBackWithoutWaiting_AppliedInOrder() => AssertUnawaitedAppendsApplyInOrderAsync();
}

public sealed class SqliteSessionStoreTests : DurableSessionStoreContract
{
    private readonly TempDirectory _dataDir = new();

    private protected override Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options)
    {
        options.DataDir = _dataDir.Path;
        return Task.FromResult<ISessionStore>(new SqliteSessionStore(Options.Create(options), TimeProvider.System));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dataDir.Dispose();
    }

    [Fact]
    public Task AppendEventAsync_BackToBackWithoutWaiting_AppliedInOrder() => AssertUnawaitedAppendsApplyInOrderAsync();

    [Fact]
    public async Task CommitAsync_SeqTaken_SaveIsUndoneWithTheAppend()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(1), default));

        var stored = await Store.GetAsync(record.SessionId, default);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(TurnStatuses.Idle, stored.TurnStatus);
    }

    [Fact]
    public async Task AppendEventAsync_NotNextSeq_RefusedSoTheLogHasNoGap()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.AppendEventAsync(record.SessionId, Event(3), default));

        Assert.Equal(1, await Store.GetLastSeqAsync(record.SessionId, default));
    }

    [Fact]
    public async Task Constructor_NewDataDir_CreatesDatabaseThatSurvivesReopening()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        using var reopened = new SqliteSessionStore(Options.Create(new SessionStoreOptions { DataDir = _dataDir.Path }), TimeProvider.System);

        Assert.Equal(Path.Combine(_dataDir.Path, "sessions.db"), reopened.DatabasePath);
        Assert.Equal(Json(record), Json((await reopened.GetAsync(record.SessionId, default))!));
        Assert.Equal(1, await reopened.GetLastSeqAsync(record.SessionId, default));
    }
}

public sealed class DynamoDbSessionStoreTests(DynaliteServer dynalite) : DurableSessionStoreContract, IClassFixture<DynaliteServer>
{
    private readonly string _table = "sessions-" + Guid.NewGuid().ToString("N")[..8];

    private protected override async Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options)
    {
        var store = new DynamoDbSessionStore(
            Options.Create(new DynamoDbOptions { Endpoint = dynalite.Endpoint, TableName = _table }),
            Options.Create(options), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance);
        await store.EnsureTableAsync(default);
        return store;
    }

    [Fact]
    public async Task GetLastSeqAsync_CommittedEventMissingFromLog_AppendsIt()
    {
        // A crash between the commit's two writes: the session item has the event, the log not.
        var record = await CreateAsync();
        await Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(1), default);
        using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("local", "local"),
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-west-2" });
        await client.DeleteItemAsync(_table, new() { ["pk"] = new() { S = record.SessionId }, ["sk"] = new() { S = "EVENT#000000000001" } });

        Assert.Equal(1, await Store.GetLastSeqAsync(record.SessionId, default));

        var events = await Store.GetEventsAsync(record.SessionId, 0, 10, default);
        Assert.Equal(Event(1).Frame.ToArray(), Assert.Single(events).Frame.ToArray());
    }

    [Fact]
    public async Task CommitAsync_SeqTakenByAnotherInstance_RecordSavedAndReported()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        var ours = new StoredEvent(1, "thinking", "{\"type\":\"thinking\"}"u8.ToArray());
        var taken = await Assert.ThrowsAsync<EventSeqTakenException>(() => Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, ours, default));

        Assert.Equal(2, taken.Saved.Version);
        Assert.Equal(TurnStatuses.Running, (await Store.GetAsync(record.SessionId, default))!.TurnStatus);
    }

    [Fact]
    public void OrderedAppends_SharedByInstances_False() =>
        // The hub must wait for every DynamoDB append: another instance may take a seq.
        Assert.False(Store.OrderedAppends);
}
