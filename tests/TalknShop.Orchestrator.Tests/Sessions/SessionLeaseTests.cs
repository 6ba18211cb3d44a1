using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// Session leases and their fence on a real DynamoDB-API server: two "instances" are two stores,
/// each with its own held leases, on one table of one dynalite.
/// </summary>
public sealed class SessionLeaseTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly string _table = "leases-" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private Instance _a = null!;
    private Instance _b = null!;

    public async Task InitializeAsync()
    {
        _a = new Instance(dynalite.Endpoint, _table, _time);
        _b = new Instance(dynalite.Endpoint, _table, _time);
        // Created on the real clock: the creation polls until the table is active.
        using var creator = new Instance(dynalite.Endpoint, _table, TimeProvider.System);
        await creator.Store.EnsureTableAsync(default).WaitAsync(Bound);
    }

    public Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AcquireAsync_NeverLeased_EpochOneFencedAtTheLastSeq()
    {
        var record = await CreateAsync();
        await _a.Store.AppendEventAsync(record.SessionId, Event(1), default);

        var lease = await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);

        Assert.Equal(1, lease.Epoch);
        Assert.Equal(1, lease.FenceSeq);
        Assert.Equal(_a.Leases.Owner, (await _b.Leases.ReadAsync(record.SessionId, default))!.Owner);
    }

    [Fact]
    public async Task AcquireAsync_ForcedTakeover_OldOwnersRecordWriteFailsAsLeaseLost()
    {
        var record = await CreateAsync();
        await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);
        var savedByA = await _a.Store.SaveAsync(record with { TurnStatus = TurnStatuses.Running }, default);

        var taken = await _b.Leases.AcquireAsync(record.SessionId, LeaseTakeover.Force, default).WaitAsync(Bound);

        Assert.Equal(2, taken.Epoch);
        await Assert.ThrowsAsync<SessionLeaseLostException>(() => _a.Store.SaveAsync(savedByA with { TurnStatus = TurnStatuses.Idle }, default));
        Assert.Null(_a.Held.Get(record.SessionId));

        // Having learned it, A writes without a lease, and a leased session refuses that too.
        await Assert.ThrowsAsync<SessionConflictException>(() => _a.Store.CommitAsync(savedByA, Event(1), default));

        // The new owner writes on from what A saved.
        var current = (await _b.Store.GetAsync(record.SessionId, default))!;
        Assert.Equal(TurnStatuses.Running, current.TurnStatus);
        await _b.Store.CommitAsync(current with { TurnStatus = TurnStatuses.Idle }, Event(1), default);
        Assert.Equal(TurnStatuses.Idle, (await _b.Store.GetAsync(record.SessionId, default))!.TurnStatus);
    }

    [Fact]
    public async Task AppendEventAsync_OldOwnerAfterTakeover_RefusedAsLeaseLostAndTheLogStaysTheNewOwners()
    {
        var record = await CreateAsync();
        await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);
        await _a.Store.AppendEventAsync(record.SessionId, Event(1, "a"), default);
        await _b.Leases.AcquireAsync(record.SessionId, LeaseTakeover.Force, default).WaitAsync(Bound);

        // A, not yet aware, appends 2-4 back to back (gathered into one write): all refused, as lease lost.
        var appends = Enumerable.Range(2, 3).Select(seq => _a.Store.AppendEventAsync(record.SessionId, Event(seq, "a"), default)).ToList();
        foreach (var append in appends)
        {
            await Assert.ThrowsAsync<SessionLeaseLostException>(() => append.WaitAsync(Bound));
        }

        Assert.Null(_a.Held.Get(record.SessionId));
        Assert.Equal(1, await _b.Store.GetLastSeqAsync(record.SessionId, default));
        Assert.Equal([1], (await _b.Store.GetEventsAsync(record.SessionId, 0, 10, default)).Select(e => e.Seq));

        // Having learned it, A appends without a lease, and a leased session refuses that too.
        await Assert.ThrowsAsync<SessionConflictException>(() => _a.Store.AppendEventAsync(record.SessionId, Event(2, "a"), default));
        await _b.Store.AppendEventAsync(record.SessionId, Event(2, "b"), default);

        var log = await _a.Store.GetEventsAsync(record.SessionId, 0, 10, default);
        Assert.Equal(["1:a", "2:b"], log.Select(e => $"{e.Seq}:{Encoding.UTF8.GetString(e.Frame.Span)}"));
        Assert.Equal(2, await _a.Store.GetLastSeqAsync(record.SessionId, default));
    }

    [Fact]
    public async Task CommitAsync_OldOwnerAfterTakeover_RefusedAsLeaseLost()
    {
        var record = await CreateAsync();
        await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);
        var saved = await _a.Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(1, "a"), default);
        var fence = await _b.Leases.AcquireAsync(record.SessionId, LeaseTakeover.Force, default).WaitAsync(Bound);

        await Assert.ThrowsAsync<SessionLeaseLostException>(() => _a.Store.CommitAsync(saved with { TurnStatus = TurnStatuses.Idle }, Event(2, "a"), default));

        Assert.Equal(1, fence.FenceSeq);
        Assert.Equal(TurnStatuses.Running, (await _b.Store.GetAsync(record.SessionId, default))!.TurnStatus);
        Assert.Equal(["1:a"], (await _b.Store.GetEventsAsync(record.SessionId, 0, 10, default)).Select(e => $"{e.Seq}:{Encoding.UTF8.GetString(e.Frame.Span)}"));
    }

    [Fact]
    public async Task SaveAsync_LeasedSessionWithoutTheLease_Refused()
    {
        var record = await CreateAsync();
        await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);

        await Assert.ThrowsAsync<SessionConflictException>(() => _b.Store.SaveAsync(record, default));
    }

    [Fact]
    public async Task AcquireAsync_LiveLeaseWaitForExpiry_TakenOnlyOnceItExpired()
    {
        var record = await CreateAsync();
        var first = await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);

        var second = _b.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default);
        var lease = await AdvanceUntilAsync(second);

        Assert.True(_time.GetUtcNow() >= first.ExpiresAt, "taken before the lease expired");
        Assert.Equal(2, lease.Epoch);
        await Assert.ThrowsAsync<SessionLeaseLostException>(() => _a.Leases.RenewAsync(first, default));
    }

    [Fact]
    public async Task ReleaseAsync_WaitingInstance_TakesItWithoutWaitingForTheExpiry()
    {
        var record = await CreateAsync();
        var first = await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);
        var start = _time.GetUtcNow();

        await _a.Leases.ReleaseAsync(first, default);
        var lease = await _b.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);

        Assert.Equal(start, _time.GetUtcNow());
        Assert.Equal(2, lease.Epoch);
        Assert.Null(_a.Held.Get(record.SessionId));
    }

    [Fact]
    public async Task RenewAsync_HeldLease_ExtendsTheExpiryOthersSee()
    {
        var record = await CreateAsync();
        var lease = await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);

        _time.Advance(TimeSpan.FromSeconds(5));
        var renewed = await _a.Leases.RenewAsync(lease, default);

        Assert.Equal(lease.ExpiresAt + TimeSpan.FromSeconds(5), renewed.ExpiresAt);
        Assert.Equal(renewed.ExpiresAt.ToUnixTimeMilliseconds(), (await _b.Leases.ReadAsync(record.SessionId, default))!.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(renewed, _a.Held.Get(record.SessionId));
    }

    [Fact]
    public async Task AcquireAsync_OldOwnersCommitStillInTheHead_FenceCountsIt()
    {
        // A committed (record + event, one write of the session item) and died before the head was
        // copied to event items: the new owner's fence includes the event, so it is neither lost nor overwritten.
        var record = await CreateAsync();
        await _a.Leases.AcquireAsync(record.SessionId, LeaseTakeover.WaitForExpiry, default).WaitAsync(Bound);
        await _a.Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(1, "a"), default);

        var lease = await _b.Leases.AcquireAsync(record.SessionId, LeaseTakeover.Force, default).WaitAsync(Bound);

        Assert.Equal(1, lease.FenceSeq);
        Assert.Equal(["1:a"], (await _b.Store.GetEventsAsync(record.SessionId, 0, 10, default)).Select(e => $"{e.Seq}:{Encoding.UTF8.GetString(e.Frame.Span)}"));
        await _b.Store.AppendEventAsync(record.SessionId, Event(2, "b"), default);
        Assert.Equal(2, await _a.Store.GetLastSeqAsync(record.SessionId, default));
    }

    /// <summary>Moves the fake clock on in small steps while the acquisition polls the store, until it completes.</summary>
    private async Task<SessionLease> AdvanceUntilAsync(Task<SessionLease> acquisition)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!acquisition.IsCompleted)
        {
            bound.Token.ThrowIfCancellationRequested();
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(acquisition, Task.Delay(20, bound.Token));
        }

        return await acquisition;
    }

    private async Task<SessionRecord> CreateAsync()
    {
        var now = _time.GetUtcNow();
        var record = new SessionRecord { SessionId = "sess_" + Guid.NewGuid().ToString("N")[..10], UserId = "u1", CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(1) };
        Assert.True(await _a.Store.TryCreateAsync(record, default).WaitAsync(Bound));
        return record with { Version = 1 };
    }

    private static StoredEvent Event(long seq, string body = "e") => new(seq, "text", Encoding.UTF8.GetBytes(body));

    private sealed class Instance : IDisposable
    {
        public Instance(string endpoint, string table, TimeProvider time)
        {
            Store = new DynamoDbSessionStore(
                Options.Create(new DynamoDbOptions { Endpoint = endpoint, TableName = table }),
                Options.Create(new SessionStoreOptions()), time, NullLogger<DynamoDbSessionStore>.Instance, Held);
            Leases = new DynamoDbSessionLeases(Store, Held, Options.Create(new SessionLeaseOptions { LeaseSeconds = 10 }), time);
        }

        public HeldLeases Held { get; } = new();
        public DynamoDbSessionStore Store { get; }
        public DynamoDbSessionLeases Leases { get; }

        public void Dispose() => Store.Dispose();
    }
}
