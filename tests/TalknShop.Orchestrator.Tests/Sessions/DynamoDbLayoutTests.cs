using System.Collections.Concurrent;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// The DynamoDB store's layout on a real DynamoDB-API server: what a turn costs in calls (counted
/// on the SDK client), that an acknowledged write is what another instance reads, and that logs
/// written by the earlier layout (one item per event) are still read and continued.
/// </summary>
public sealed class DynamoDbLayoutTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IAsyncLifetime
{
    private const int TokensPerTurn = 16;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly string _table = "layout-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        using var store = NewStore(writeBehind: false);
        await store.EnsureTableAsync(default).WaitAsync(Bound);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SearchTurn_WriteBehind_AtMostSixCallsAndNoRead()
    {
        // As the hub runs a turn with write-behind: commit thinking, publish the rest without
        // waiting, wait for them, commit the outcome with done; the next turn starts from the record it saved.
        using var store = Counted(NewStore(writeBehind: true));
        var record = await CreateAsync(store);
        var seq = 0L;
        for (var turn = 0; turn < 5; turn++)
        {
            (record, seq) = await TurnAsync(store, record, seq, awaitEach: false);
        }

        // One more write queues behind the last turn's copy, so every call of the five turns is counted.
        await store.AppendEventAsync(record.SessionId, Event(++seq), default).WaitAsync(Bound);
        var calls = _calls.ToDictionary();

        // Fewer is fine, more is not: how many appends gather behind a write in flight depends on
        // timing, and on a loaded machine a turn's first append can wait behind its thinking commit
        // and join the rest (20 updates, not 21, seen in a full run at load ~30).
        Assert.Equal(5, calls.GetValueOrDefault(nameof(BatchWriteItemRequest)));
        Assert.InRange(calls.GetValueOrDefault(nameof(UpdateItemRequest)), (5 * 3) + 1, (5 * 5) + 1);
        Assert.Equal(calls.GetValueOrDefault(nameof(UpdateItemRequest)) + 5, calls.Values.Sum());
        Assert.InRange((calls.Values.Sum() - 1) / 5.0, 4, 6);
        await AssertLogAsync(record.SessionId, seq);
    }

    [Fact]
    public async Task SearchTurn_AwaitedAppends_OneUpdatePerEventAndOneCopy()
    {
        using var store = Counted(NewStore(writeBehind: false));
        var record = await CreateAsync(store);
        var (saved, seq) = await TurnAsync(store, record, 0, awaitEach: true);
        await store.AppendEventAsync(record.SessionId, Event(++seq), default).WaitAsync(Bound);
        var calls = _calls.ToDictionary();

        // The turn's start read, 2 commits + 16 appends (+ the one above), one copy; no deletes, no queries.
        Assert.Equal(1, calls.GetValueOrDefault(nameof(GetItemRequest)));
        Assert.Equal(TokensPerTurn + 2 + 1, calls.GetValueOrDefault(nameof(UpdateItemRequest)));
        Assert.Equal(1, calls.GetValueOrDefault(nameof(BatchWriteItemRequest)));
        Assert.Equal(TokensPerTurn + 2 + 1 + 2, calls.Values.Sum());
        Assert.Equal(saved.Version, (await store.GetAsync(record.SessionId, default))!.Version);
        await AssertLogAsync(record.SessionId, seq);
    }

    [Fact]
    public async Task AppendEventAsync_WriteBehind_EachAcknowledgedEventIsReadByAnotherInstance()
    {
        // The rule behind sending an event once stored: when an append's task completes, any
        // instance reading the log (a restart after a crash) has it.
        using var store = NewStore(writeBehind: true);
        using var reader = NewStore(writeBehind: false);
        var record = await CreateAsync(store);
        var appends = Enumerable.Range(1, 40).Select(seq => (Seq: (long)seq, Task: store.AppendEventAsync(record.SessionId, Event(seq), default))).ToList();

        foreach (var (seq, task) in appends)
        {
            await task.WaitAsync(Bound);
            var log = await reader.GetEventsAsync(record.SessionId, 0, 1000, default);
            Assert.True(log.Count >= seq, $"append {seq} acknowledged, another instance reads {log.Count} events");
            Assert.Equal(Enumerable.Range(1, log.Count).Select(s => (long)s), log.Select(e => e.Seq));
        }

        await AssertLogAsync(record.SessionId, 40);
    }

    [Fact]
    public async Task EarlierLayout_CommitCutOffAndVoidEvents_ReadThenContinued()
    {
        // Written by the earlier layout: events 1-3 in their own items, a commit of 4 whose append a
        // crash cut off (still in the session item), and 5-6 appended by an owner fenced out at 4.
        using var raw = RawClient();
        var id = "sess_" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        var record = new SessionRecord { SessionId = id, UserId = "u1", CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(1), Version = 3 };
        var session = DynamoDbItems.SessionItem(record);
        session["commit_seq"] = new() { N = "4" };
        session["commit_type"] = new() { S = "thinking" };
        session["commit_frame"] = new() { B = new MemoryStream(Event(4).Frame.ToArray()) };
        session["fence_epoch"] = new() { N = "2" };
        session["fence_seq"] = new() { N = "4" };
        await raw.PutItemAsync(_table, session);
        for (var seq = 1; seq <= 6; seq++)
        {
            if (seq == 4)
            {
                continue;
            }

            var item = DynamoDbItems.EventItem(id, seq <= 3 ? Event(seq) : new StoredEvent(seq, "void", "{\"void\":true}"u8.ToArray()), now.AddHours(1));
            item["epoch"] = new() { N = "1" };
            await raw.PutItemAsync(_table, item);
        }

        var held = new HeldLeases();
        held.Set(new SessionLease(id, held.Owner, 2, 4, now.AddMinutes(1)));
        using var store = NewStore(writeBehind: false, held);

        Assert.Equal(3, (await store.GetAsync(id, default))!.Version);
        Assert.Equal(4, await store.GetLastSeqAsync(id, default));
        await AssertLogAsync(id, 4);

        await store.AppendEventAsync(id, Event(5), default);
        var saved = await store.CommitAsync((await store.GetAsync(id, default))!, Event(6), default);
        for (var seq = 7; seq <= 20; seq++)
        {
            await store.AppendEventAsync(id, Event(seq), default);
        }

        await store.CommitAsync(saved, Event(21), default);
        await store.AppendEventAsync(id, Event(22), default);
        Assert.Equal(22, await store.GetLastSeqAsync(id, default));
        await AssertLogAsync(id, 22);
    }

    private static async Task<(SessionRecord Saved, long Seq)> TurnAsync(DynamoDbSessionStore store, SessionRecord record, long seq, bool awaitEach)
    {
        if (awaitEach)
        {
            // Without write-behind the hub reads the record at every turn's start.
            record = (await store.GetAsync(record.SessionId, default))!;
        }

        var saved = await store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(++seq), default).WaitAsync(Bound);
        var appends = new List<Task>();
        for (var i = 0; i < TokensPerTurn; i++)
        {
            var append = store.AppendEventAsync(record.SessionId, Event(++seq), default);
            if (awaitEach)
            {
                await append.WaitAsync(Bound);
            }

            appends.Add(append);
        }

        await Task.WhenAll(appends).WaitAsync(Bound);
        saved = await store.CommitAsync(saved with { TurnStatus = TurnStatuses.Idle }, Event(++seq), default).WaitAsync(Bound);
        return (saved, seq);
    }

    /// <summary>A fresh instance (no cached head) reads exactly 1..<paramref name="last"/>, each frame as written.</summary>
    private async Task AssertLogAsync(string sessionId, long last)
    {
        using var fresh = NewStore(writeBehind: false);
        var log = await fresh.GetEventsAsync(sessionId, 0, 1000, default);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(s => (long)s), log.Select(e => e.Seq));
        Assert.All(log, e => Assert.Equal(Event(e.Seq).Frame.ToArray(), e.Frame.ToArray()));
        Assert.Equal(last, await fresh.GetLastSeqAsync(sessionId, default));
        Assert.Equal([.. log.Skip(5).Take(3).Select(e => e.Seq)], (await fresh.GetEventsAsync(sessionId, 5, 3, default)).Select(e => e.Seq));
    }

    private DynamoDbSessionStore Counted(DynamoDbSessionStore store)
    {
        store.Client.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs request)
            {
                _calls.AddOrUpdate(request.Request.GetType().Name, 1, (_, n) => n + 1);
            }
        };
        return store;
    }

    private async Task<SessionRecord> CreateAsync(DynamoDbSessionStore store)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new SessionRecord { SessionId = "sess_" + Guid.NewGuid().ToString("N")[..12], UserId = "u1", CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(1) };
        Assert.True(await store.TryCreateAsync(record, default).WaitAsync(Bound));
        _calls.Clear();
        return record with { Version = 1 };
    }

    private DynamoDbSessionStore NewStore(bool writeBehind, HeldLeases? held = null) => new(
        Options.Create(new DynamoDbOptions { Endpoint = dynalite.Endpoint, TableName = _table, WriteBehind = writeBehind }),
        Options.Create(new SessionStoreOptions()), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance, held);

    private AmazonDynamoDBClient RawClient() =>
        new(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-west-2" });

    /// <summary>A frame of realistic size (a token event), with every byte value so any text conversion would show.</summary>
    private static StoredEvent Event(long seq) =>
        new(seq, "token", (byte[])[.. Encoding.UTF8.GetBytes($$$"""{"seq":{{{seq}}},"type":"token","data":{"text":"A sentence of the answer, é."}}"""), .. Enumerable.Range(0, 256).Select(b => (byte)b)]);
}
