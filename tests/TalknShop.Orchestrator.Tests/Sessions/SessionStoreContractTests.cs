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

    [Fact]
    public async Task SaveAndCommit_StoreTheRecordAsJsonText()
    {
        // The record is bound as UTF-8 bytes; the column must still hold text, readable by any SQLite tool.
        var record = await CreateAsync();
        var saved = await Store.SaveAsync(FullRecord(record.SessionId) with { Version = record.Version }, default);
        var committed = await Store.CommitAsync(saved with { TurnStatus = TurnStatuses.Running }, Event(1), default);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDir.Path, "sessions.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(record), record FROM sessions WHERE session_id = $id";
        command.Parameters.AddWithValue("$id", record.SessionId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("text", reader.GetString(0));
        Assert.Equal(Json(committed), reader.GetString(1));
        Assert.Equal(Json(committed), Json((await Store.GetAsync(record.SessionId, default))!));
    }
}

public sealed class DynamoDbSessionStoreTests(DynaliteServer dynalite) : DurableSessionStoreContract, IClassFixture<DynaliteServer>
{
    private readonly string _table = "sessions-" + Guid.NewGuid().ToString("N")[..8];

    private protected override async Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options)
    {
        var store = NewStore(options);
        await store.EnsureTableAsync(default);
        return store;
    }

    private DynamoDbSessionStore NewStore(SessionStoreOptions options) => new(
        Options.Create(new DynamoDbOptions { Endpoint = dynalite.Endpoint, TableName = _table, WriteBehind = false }),
        Options.Create(options), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance);

    [Fact]
    public async Task CommitAsync_SeqTakenByAnotherInstance_RecordSavedAndReported()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        var ours = new StoredEvent(1, "thinking", "{\"type\":\"thinking\"}"u8.ToArray());
        var taken = await Assert.ThrowsAsync<EventSeqTakenException>(() => Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, ours, default));

        Assert.Equal(2, taken.Saved.Version);
        Assert.Equal(TurnStatuses.Running, (await Store.GetAsync(record.SessionId, default))!.TurnStatus);
        Assert.Equal(Event(1).Frame.ToArray(), Assert.Single(await Store.GetEventsAsync(record.SessionId, 0, 10, default)).Frame.ToArray());
    }

    [Fact]
    public async Task AppendEventAsync_AnotherInstanceAppendedMeanwhile_RefusedAndBothLogsAgree()
    {
        // Two store instances (two service instances) on one session: each one's view of the log's
        // head is only a hint, and the conditional write on the head decides.
        var record = await CreateAsync();
        using var other = NewStore(new SessionStoreOptions { EventRetention = Retention });
        for (var seq = 1; seq <= 30; seq++)
        {
            await (seq % 3 == 0 ? other : Store).AppendEventAsync(record.SessionId, Event(seq), default);
        }

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.AppendEventAsync(record.SessionId, Event(30), default));
        var saved = await other.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(31), default);
        await Assert.ThrowsAsync<SessionConflictException>(() => Store.CommitAsync(record, Event(32), default));
        await Store.CommitAsync(saved with { TurnStatus = TurnStatuses.Idle }, Event(32), default);

        var expected = Enumerable.Range(32 - Retention + 1, Retention).Select(s => (long)s).ToList();
        Assert.Equal(expected, (await Store.GetEventsAsync(record.SessionId, 0, 100, default)).Select(e => e.Seq));
        Assert.Equal(expected, (await other.GetEventsAsync(record.SessionId, 0, 100, default)).Select(e => e.Seq));
        Assert.All(await other.GetEventsAsync(record.SessionId, 0, 100, default), e => Assert.Equal(Event(e.Seq).Frame.ToArray(), e.Frame.ToArray()));
    }

    [Fact]
    public async Task AppendEventAsync_MissingSession_RefusedAndNothingCreated()
    {
        var id = NewId();

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.AppendEventAsync(id, Event(1), default));

        Assert.True(await Store.TryCreateAsync(FullRecord(id), default));
        Assert.Equal(0, await Store.GetLastSeqAsync(id, default));
    }

    [Fact]
    public void OrderedAppends_WriteBehindOff_False() =>
        // DYNAMODB_WRITE_BEHIND=false: the hub waits for every append.
        Assert.False(Store.OrderedAppends);

    [Fact]
    public async Task WriteBehind_NotConfigured_OnForTheServiceStore()
    {
        // The hub resyncs a client after an append DynamoDB applied but did not confirm (LostAnswerTests), so it is the default.
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = _table,
            ["DYNAMODB_CREATE_TABLE"] = "true",
        });

        Assert.True(host.Get<ISessionStore>().OrderedAppends);
        Assert.True(new DynamoDbOptions().WriteBehind);
    }
}

/// <summary>The same contract with <c>DYNAMODB_WRITE_BEHIND</c> on , plus in-order unawaited appends (the hub's write-behind).</summary>
public sealed class DynamoDbWriteBehindSessionStoreTests(DynaliteServer dynalite) : DurableSessionStoreContract, IClassFixture<DynaliteServer>
{
    private readonly string _table = "sessions-" + Guid.NewGuid().ToString("N")[..8];

    private protected override async Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options)
    {
        var store = new DynamoDbSessionStore(
            Options.Create(new DynamoDbOptions { Endpoint = dynalite.Endpoint, TableName = _table, WriteBehind = true }),
            Options.Create(options), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance);
        await store.EnsureTableAsync(default);
        return store;
    }

    [Fact]
    public Task AppendEventAsync_BackToBackWithoutWaiting_AppliedInOrder() => AssertUnawaitedAppendsApplyInOrderAsync();
}
