using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Tests.Turns;

/// <summary>The session's event log against a store whose appends the test completes by hand.</summary>
public sealed class SessionEventLogTests
{
    private const string SessionId = "sess_log";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly HeldAppendStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly SessionSubscribers _subscribers = new();
    private readonly RecordingSubscriber _client = new();
    private readonly SessionEventLog _log;

    public SessionEventLogTests()
    {
        _log = new SessionEventLog(SessionId, _store, new SessionStoreWrites(), _time, _subscribers);
        _subscribers.Replace(_client);
    }

    private static ProgressData Progress(string message) => new("SearchMarketplaces", "SEARCHING", message);

    [Fact]
    public async Task PublishAsync_AppendsCompleteOutOfOrder_ClientGetsEventsInSeqOrderOnlyOnceStored()
    {
        await _store.Seed(SessionId);

        var seqs = new[] { await _log.PublishAsync(Progress("a"), "turn_1"), await _log.PublishAsync(Progress("b"), "turn_1"), await _log.PublishAsync(Progress("c"), "turn_1") };

        Assert.Equal([1L, 2L, 3L], seqs);
        Assert.Equal([1L, 2L, 3L], _store.HeldSeqs); // write-behind: all three queued, none waited for
        Assert.Empty(_client.Seqs());

        _store.Complete(2);
        Assert.Empty(_client.Seqs()); // seq 1 is not stored yet, so 2 must wait

        _store.Complete(1);
        Assert.Equal([1L, 2L], _client.Seqs());

        _store.Complete(3);
        Assert.Equal([1L, 2L, 3L], _client.Seqs());
    }

    [Fact]
    public async Task PublishAsync_AnAppendFails_RestIsNotSentLiveFlushReportsItAndNextSeqFollowsTheLog()
    {
        await _store.Seed(SessionId);
        _store.FailingSeqs.UnionWith([2, 3]);
        for (var i = 0; i < 3; i++)
        {
            await _log.PublishAsync(Progress($"e{i}"), "turn_1");
        }

        _store.Complete(1);
        _store.Complete(2);
        _store.Complete(3);

        Assert.Equal([1L], _client.Seqs());
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(_log.FlushAsync);
        Assert.IsType<IOException>(failure.InnerException);

        // Reported once: the next turn starts clean, and its first event continues after what is stored.
        _store.Hold = false;
        _store.FailingSeqs.Clear();
        await _log.BeginTurnAsync();
        Assert.Equal(2, await _log.PublishAsync(Progress("next"), "turn_2"));
        Assert.Equal([1L, 2L], _client.Seqs());
    }

    [Fact]
    public async Task CommitAsync_EarlierAppendsStillHeld_WaitsForThemThenStoresRecordAndEventTogether()
    {
        await _store.Seed(SessionId);
        var record = (await _store.GetAsync(SessionId, CancellationToken.None))!;
        await _log.PublishAsync(Progress("before"), "turn_1");

        var commit = _log.CommitAsync(new DoneData("Search completed", SessionId, "completed"), "turn_1", record with { TurnStatus = TurnStatuses.Idle });
        Assert.False(commit.IsCompleted);

        _store.Complete(1);
        var saved = await commit.WaitAsync(Bound);

        Assert.Equal(record.Version + 1, saved.Version);
        var stored = await _store.GetEventsAsync(SessionId, 0, 10, CancellationToken.None);
        Assert.Equal([(1L, "progress"), (2L, "done")], stored.Select(e => (e.Seq, e.Type)));
        Assert.Equal([1L, 2L], _client.Seqs());
    }

    [Fact]
    public async Task AttachAsync_WithLastSeq_SendsConnectedThenMissedEventsThenLiveOnes()
    {
        await _store.Seed(SessionId, 1, 2, 3);
        _store.Hold = false;
        var newer = new RecordingSubscriber("conn_newer");

        var previous = await _log.AttachAsync(newer, lastSeq: 1, seq => Encoding.UTF8.GetBytes($"connected {seq}"), CancellationToken.None);
        await _log.PublishAsync(Progress("live"), "turn_1");

        Assert.Same(_client, previous); // the caller tells it that it was taken over
        Assert.Equal(["connected 3", "stored 2", "stored 3"], newer.Frames.Take(3));
        Assert.Equal([4L], newer.Seqs());
        Assert.Empty(_client.Frames);
    }

    [Fact]
    public async Task ReplayAsync_AfterLastSeq_SendsOnlyTheMissedEventsInOrder()
    {
        await _store.Seed(SessionId, 1, 2, 3, 4);

        await _log.ReplayAsync(_client, 2, CancellationToken.None);

        Assert.Equal(["stored 3", "stored 4"], _client.Frames);
    }

    [Fact]
    public async Task SendUnstored_StoreFailing_FrameHasNoSeqAndTheLogsClock()
    {
        await _store.Seed(SessionId);
        _time.Advance(TimeSpan.FromMilliseconds(1234));

        _log.SendUnstored(new ErrorData("I couldn't save our conversation just now.", "store_unavailable", null, true), turnId: null);

        var frame = JsonDocument.Parse(Assert.Single(_client.Frames)).RootElement;
        Assert.Equal("error", frame.GetProperty("type").GetString());
        Assert.False(frame.TryGetProperty("seq", out _));
        Assert.Equal("2026-11-25T10:00:01.234Z", frame.GetProperty("timestamp").GetString());
        Assert.Empty(await _store.GetEventsAsync(SessionId, 0, 10, CancellationToken.None));
    }
}
