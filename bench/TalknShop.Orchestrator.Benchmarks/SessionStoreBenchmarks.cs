using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Benchmarks;

/// <summary>
/// What one turn costs the SQLite store: a session read, a save, and appending an event frame
/// (with retention pruning once the log is full). Run with <c>--filter '*SessionStore*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SessionStoreBenchmarks
{
    private static readonly byte[] Frame = System.Text.Encoding.UTF8.GetBytes(
        """{"type":"token","data":{"content":"Consider the Dell Inspiron 15. ","is_complete":false},"timestamp":"2026-11-25T10:00:00.123Z","session_id":"sess_bench","seq":1,"turn_id":"turn_0123456789ab"}""");

    private string _dataDir = "";
    private SqliteSessionStore _store = null!;
    private SessionRecord _record = null!;
    private long _seq;

    [GlobalSetup]
    public void Setup()
    {
        _dataDir = Path.Combine(Path.GetTempPath(), "talknshop-bench", Guid.NewGuid().ToString("N"));
        _store = new SqliteSessionStore(Options.Create(new SessionStoreOptions { DataDir = _dataDir, EventRetention = 1000 }), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, 20).Select(i => new ConversationMessage(i % 2 == 0 ? "user" : "assistant", $"message {i} about laptops and budgets", now)).ToList();
        _record = new SessionRecord
        {
            SessionId = "sess_bench",
            UserId = "bench",
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddHours(24),
            Flow = new FlowState { Stage = Stages.Clarification, Messages = messages },
        };
        if (!_store.TryCreateAsync(_record, default).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark session could not be created.");
        }

        _record = _store.GetAsync(_record.SessionId, default).GetAwaiter().GetResult()!;
        var saved = _store.SaveAsync(_record, default).GetAwaiter().GetResult();
        if (saved.Version != _record.Version + 1 || _store.GetAsync(_record.SessionId, default).GetAwaiter().GetResult()!.Flow.Messages.Count != 20)
        {
            throw new InvalidOperationException("Sanity check failed: the save did not round-trip.");
        }

        _record = saved;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Benchmark]
    public async Task<SessionRecord?> Get() => await _store.GetAsync(_record.SessionId, default);

    [Benchmark]
    public async Task Save() => _record = await _store.SaveAsync(_record, default);

    [Benchmark]
    public Task AppendEvent() => _store.AppendEventAsync(_record.SessionId, new StoredEvent(++_seq, "token", Frame), default);
}
