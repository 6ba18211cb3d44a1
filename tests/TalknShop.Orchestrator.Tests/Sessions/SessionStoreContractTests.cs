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
    private protected override async Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options)
    {
        var store = new DynamoDbSessionStore(
            Options.Create(new DynamoDbOptions { Endpoint = dynalite.Endpoint, TableName = "sessions-" + Guid.NewGuid().ToString("N")[..8] }),
            Options.Create(options), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance);
        await store.EnsureTableAsync(default);
        return store;
    }

    [Fact]
    public void OrderedAppends_SharedByInstances_False() =>
        // The hub must wait for every DynamoDB append: another instance may take a seq.
        Assert.False(Store.OrderedAppends);
}
