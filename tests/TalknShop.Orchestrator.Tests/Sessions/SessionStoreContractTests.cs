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
    public async Task GetLastSeqAsync_EarlierLayoutCommitMissingFromLog_AppendsIt()
    {
        // A session written before the log moved into the session item, by a commit a crash cut
        // off between its two writes: the session item has the event, the log not.
        var record = await CreateAsync();
        using var client = RawClient();
        await client.UpdateItemAsync(new Amazon.DynamoDBv2.Model.UpdateItemRequest
        {
            TableName = _table,
            Key = new() { ["pk"] = new() { S = record.SessionId }, ["sk"] = new() { S = "SESSION" } },
            UpdateExpression = "REMOVE log_last, log_pending SET commit_seq = :seq, commit_type = :type, commit_frame = :frame",
            ExpressionAttributeValues = new()
            {
                [":seq"] = new() { N = "1" },
                [":type"] = new() { S = Event(1).Type },
                [":frame"] = new() { B = new MemoryStream(Event(1).Frame.ToArray()) },
            },
        });

        Assert.Equal(1, await Store.GetLastSeqAsync(record.SessionId, default));

        var events = await Store.GetEventsAsync(record.SessionId, 0, 10, default);
        Assert.Equal(Event(1).Frame.ToArray(), Assert.Single(events).Frame.ToArray());
        await Store.AppendEventAsync(record.SessionId, Event(2), default);
        Assert.Equal([1L, 2L], (await Store.GetEventsAsync(record.SessionId, 0, 10, default)).Select(e => e.Seq));
    }

    [Fact]
    public async Task CommitAsync_SeqTakenByAnotherInstance_WritesNeitherRecordNorEvent()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        var ours = new StoredEvent(1, "thinking", "{\"type\":\"thinking\"}"u8.ToArray());
        await Assert.ThrowsAsync<SessionConflictException>(() => Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, ours, default));

        var stored = await Store.GetAsync(record.SessionId, default);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(TurnStatuses.Idle, stored.TurnStatus);
        Assert.Equal(Event(1).Frame.ToArray(), Assert.Single(await Store.GetEventsAsync(record.SessionId, 0, 10, default)).Frame.ToArray());
    }

    [Fact]
    public async Task AppendEventAsync_AnotherInstanceAppendedMeanwhile_RefusedAndBothLogsAgree()
    {
        // Two store instances (two service instances) on one session: each one's view of the log
        // is only a hint, and the conditional write on the log's head decides.
        var record = await CreateAsync();
        using var other = new DynamoDbSessionStore(
            Options.Create(new DynamoDbOptions { Endpoint = dynalite.Endpoint, TableName = _table }),
            Options.Create(new SessionStoreOptions { EventRetention = Retention }), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance);
        for (var seq = 1; seq <= 30; seq++)
        {
            await (seq % 3 == 0 ? other : Store).AppendEventAsync(record.SessionId, Event(seq), default);
        }

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.AppendEventAsync(record.SessionId, Event(30), default));
        var saved = await other.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(31), default);
        await Assert.ThrowsAsync<SessionConflictException>(() => Store.CommitAsync(record, Event(32), default));
        await Store.CommitAsync(saved with { TurnStatus = TurnStatuses.Idle }, Event(32), default);

        var expected = Enumerable.Range(32 - Retention + 1, Retention).Select(s => (long)s).Where(s => s >= 1).ToList();
        Assert.Equal(expected, (await Store.GetEventsAsync(record.SessionId, 0, 100, default)).Select(e => e.Seq));
        Assert.Equal(expected, (await other.GetEventsAsync(record.SessionId, 0, 100, default)).Select(e => e.Seq));
        Assert.All(await other.GetEventsAsync(record.SessionId, 0, 100, default), e => Assert.Equal(Event(e.Seq).Frame.ToArray(), e.Frame.ToArray()));
    }

    private Amazon.DynamoDBv2.AmazonDynamoDBClient RawClient() =>
        new(new Amazon.Runtime.BasicAWSCredentials("local", "local"),
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-west-2" });

    [Fact]
    public void OrderedAppends_SharedByInstances_False() =>
        // The hub must wait for every DynamoDB append: another instance may take a seq.
        Assert.False(Store.OrderedAppends);
}
