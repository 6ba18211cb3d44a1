using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Dynalite;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Benchmarks.Sessions;

/// <summary>
/// What the session stores cost: a read, a save, an event append, and one whole search turn as
/// <c>TurnProcessor</c> drives it (read, commit "running" with <c>thinking</c>, the turn's events
/// appended in order, commit "idle" with <c>done</c>). Run with <c>--filter '*SessionStore*'</c>.
/// <para>
/// <c>dynamodb</c> runs the real AWS SDK client against dynalite, a local DynamoDB-API emulator
/// (node, LevelDB in memory) started on a free loopback port for each benchmark process
/// (<c>npm ci</c> in <c>tests/dynalite</c> first). Its figures are the client-side cost (request
/// signing, JSON, HTTP over loopback) and the round-trip shape (how many calls each operation
/// makes), not DynamoDB's latency: in a region every call is a network round trip of several ms.
/// </para>
/// <para>
/// Get, Save, AppendEvent and TurnFullLog use a session whose log already holds
/// <c>SESSION_EVENT_RETENTION</c> (1000) events, so every append also prunes the oldest one (on
/// DynamoDB: when the head is copied); Turn uses younger sessions (a new one every 30 turns),
/// whose appends never prune.
/// </para>
/// </summary>
[MemoryDiagnoser]
public partial class SessionStoreBenchmarks
{
    private const int Retention = 1000;
    private const int TurnsPerYoungSession = 30;

    private DynaliteProcess? _dynalite;
    private string? _dataDir;
    private ISessionStore _store = null!;
    private SearchTurn _turn = null!;
    private SessionRecord _full = null!;
    private long _fullSeq;
    private string _young = "";
    private SessionRecord? _youngRecord;
    private long _youngSeq;
    private int _youngTurns;
    private int _youngSessions;

    /// <summary><c>dynamodb-write-behind</c>: the DynamoDB store with <c>DYNAMODB_WRITE_BEHIND</c> (appends queued and gathered, no read at a turn's start).</summary>
    [Params("sqlite", "dynamodb", "dynamodb-write-behind")]
    public string Store { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        var options = new SessionStoreOptions { EventRetention = Retention };
        _store = Store.StartsWith("dynamodb", StringComparison.Ordinal) ? CreateDynamoDb(options) : CreateSqlite(options);
        _turn = new SearchTurn("sess_bench_full");
        CheckAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        _dynalite?.Dispose();
        if (_dataDir is not null)
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Benchmark]
    public Task<SessionRecord?> Get() => _store.GetAsync(_full.SessionId, default);

    [Benchmark]
    public async Task Save() => _full = await _store.SaveAsync(_full, default);

    [Benchmark]
    public Task AppendEvent() => _store.AppendEventAsync(_full.SessionId, new StoredEvent(++_fullSeq, "token", _turn.Token.Frame), default);

    [Benchmark]
    public async Task Turn()
    {
        if (_youngTurns++ % TurnsPerYoungSession == 0)
        {
            await NewYoungSessionAsync();
        }

        (_youngSeq, _youngRecord) = await RunTurnAsync(_young, _youngSeq, _youngRecord);
    }

    [Benchmark]
    public async Task TurnFullLog()
    {
        (_fullSeq, _full) = await RunTurnAsync(_full.SessionId, _fullSeq, _full);
    }

    /// <summary>
    /// The store calls of one turn, in <c>TurnProcessor</c>'s order; returns the last seq and the
    /// saved record. As in the service: a turn is accepted by a commit (record + <c>thinking</c>) and
    /// ended by one (record + <c>done</c>); with an ordered-append store (SQLite, DynamoDB with
    /// write-behind) the hub queues the turn's appends without waiting for each and flushes before
    /// the final commit, and the turn starts from the record it saved last; otherwise it reads
    /// first and waits for every append.
    /// </summary>
    private async Task<(long Seq, SessionRecord Record)> RunTurnAsync(string sessionId, long seq, SessionRecord? saved = null)
    {
        var events = _turn.Events;
        var ordered = _store.OrderedAppends;
        var record = (ordered ? saved : null) ?? await _store.GetAsync(sessionId, default) ?? throw new InvalidOperationException($"Session {sessionId} vanished.");
        var pending = new List<Task>(events.Count);
        async Task AppendAsync(StoredEvent e)
        {
            var append = _store.AppendEventAsync(sessionId, e, default);
            if (ordered)
            {
                pending.Add(append);
            }
            else
            {
                await append;
            }
        }

        // Accepted: the marker and `thinking` in one commit; ended: the outcome and `done` in one.
        record = await _store.CommitAsync(
            Touch(record with { TurnStatus = TurnStatuses.Running, Flow = record.Flow with { Input = _turn.Input } }),
            new StoredEvent(++seq, events[0].Type, events[0].Frame), default);
        for (var i = 1; i < events.Count - 1; i++)
        {
            await AppendAsync(new StoredEvent(++seq, events[i].Type, events[i].Frame));
        }

        await Task.WhenAll(pending);
        record = await _store.CommitAsync(
            Touch(record with { TurnStatus = TurnStatuses.Idle, Flow = _turn.Record.Flow }),
            new StoredEvent(++seq, events[^1].Type, events[^1].Frame), default);
        return (seq, record);
    }

    private async Task<SessionRecord> CreateFullSessionAsync()
    {
        if (!await _store.TryCreateAsync(_turn.Record, default))
        {
            throw new InvalidOperationException("The benchmark session could not be created.");
        }

        // Fill the log to the retention limit, so each measured append is a steady-state one.
        var token = _turn.Token;
        for (_fullSeq = 0; _fullSeq < Retention;)
        {
            await _store.AppendEventAsync(_turn.Record.SessionId, new StoredEvent(++_fullSeq, token.Type, token.Frame), default);
        }

        _full = await _store.GetAsync(_turn.Record.SessionId, default)
            ?? throw new InvalidOperationException("The benchmark session was created but reads as absent (expired?).");
        return _full;
    }

    private async Task NewYoungSessionAsync()
    {
        _young = $"sess_bench_young_{++_youngSessions}";
        _youngRecord = null;
        _youngSeq = 0;
        if (!await _store.TryCreateAsync(_turn.Record with { SessionId = _young }, default))
        {
            throw new InvalidOperationException($"Session {_young} could not be created.");
        }
    }

    private static SessionRecord Touch(SessionRecord record)
    {
        var now = DateTimeOffset.UtcNow;
        return record with { UpdatedAt = now, ExpiresAt = now.AddHours(24) };
    }

    private SqliteSessionStore CreateSqlite(SessionStoreOptions options)
    {
        _dataDir = Path.Combine(Path.GetTempPath(), "talknshop-bench", Guid.NewGuid().ToString("N"));
        options.DataDir = _dataDir;
        return new SqliteSessionStore(Options.Create(options), TimeProvider.System);
    }

    private DynamoDbSessionStore CreateDynamoDb(SessionStoreOptions options)
    {
        _dynalite = DynaliteProcess.Start();

        // Placeholders: dynalite accepts any signature, and real keys must never reach it.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "bench");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "bench");
        var dynamoDb = new DynamoDbOptions { Endpoint = _dynalite.Endpoint, Region = "us-west-2", TableName = "bench-sessions", CreateTable = true, WriteBehind = Store.EndsWith("write-behind", StringComparison.Ordinal) };
        var store = new DynamoDbSessionStore(Options.Create(dynamoDb), Options.Create(options), TimeProvider.System, NullLogger<DynamoDbSessionStore>.Instance);
        store.EnsureTableAsync(default).GetAwaiter().GetResult();
        return store;
    }
}
