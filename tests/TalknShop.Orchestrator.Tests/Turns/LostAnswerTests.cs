using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Turns;

/// <summary>
/// DynamoDB applies a turn's gathered append but its answer is lost (the connection drops after
/// the write took effect), with write-behind on. The events are in the log though the hub never
/// heard they were stored: the connected client must still get every one of them on the same
/// socket, once, in order, before anything later, so what it holds is exactly the log.
/// </summary>
public sealed class LostAnswerTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppendAppliedAnswerLost_SameSocket_GetsEveryLoggedEventOnceInOrder(bool readsWork)
    {
        var lost = new LostAnswers { ReadsWork = readsWork };
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "lost-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
            ["DYNAMODB_WRITE_BEHIND"] = "true",
        }, s =>
        {
            s.UseSimpleShopping();
            s.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => lost.Wrap(sp.GetRequiredService<DynamoDbSessionStore>())));
            // Sessions are leased, as with the bare DynamoDB store (its type decides that).
            s.Replace(ServiceDescriptor.Singleton(sp => new SessionOwnership(
                sp.GetRequiredService<DynamoDbSessionStore>(), sp, sp.GetRequiredService<ILogger<SessionOwnership>>())));
        });
        await host.Get<DynamoDbSessionStore>().EnsureTableAsync(_timeout.Token);
        var (client, connected) = await ChatClient.OpenAsync(host, "user_id=u1", _timeout.Token);
        await using var _ = client;
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;

        // The write that takes `results` (and what is gathered with it) is applied; its answer,
        // and every write after it until the store is back, fails.
        lost.LoseFrom = "results";
        await client.SendMessageAsync("laptop under $900", "m1", cancellationToken: _timeout.Token);
        var failed = await client.ReceiveUntilAsync(_timeout.Token, "error", "done");
        Assert.Equal("store_unavailable", failed[^1].Code());
        Assert.True(lost.Applied > 0, "no write was applied with its answer lost: the test broke nothing");

        // The store is back. The next message runs the interrupted turn again first (under its
        // turn id), then itself; sent at once, it cannot meet that turn still finishing.
        lost.Restore();
        await client.SendMessageAsync("laptop under $1200", "m2", cancellationToken: _timeout.Token);
        await client.ReceiveUntilAsync(_timeout.Token, "done");
        var second = await client.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");
        Assert.NotEqual("error", second[^1].Type());

        var live = client.Received.Where(f => f.Seq() is not null).ToList();
        var log = await host.Get<DynamoDbSessionStore>().GetEventsAsync(sessionId, 0, 1000, _timeout.Token);
        Assert.Equal(Enumerable.Range(1, live.Count).Select(i => (long?)i), live.Select(f => f.Seq()));
        Assert.Equal(log.Select(e => JsonDocument.Parse(e.Frame).RootElement.GetRawText()), live.Select(f => f.GetRawText()));
        Assert.Contains(live, f => f.Type() == "results");
        Assert.Single(live, f => f.Type() == "thinking" && f.Data().GetProperty("restarted").GetBoolean());
    }

    /// <summary>
    /// The real DynamoDB store whose answers are lost from the write that takes an event of type
    /// <see cref="LoseFrom"/>: that append, and those queued behind it before it completes (gathered
    /// with it or right after), are applied and then fail. From then on every write fails without
    /// reaching the store, and so does every read unless <see cref="ReadsWork"/>.
    /// </summary>
    private sealed class LostAnswers
    {
        private volatile bool _losing;
        private volatile bool _down;
        private volatile string? _loseFrom;
        private int _applied;

        public string? LoseFrom { get => _loseFrom; set => _loseFrom = value; }

        public bool ReadsWork { get; init; }

        public int Applied => _applied;

        public void Restore()
        {
            LoseFrom = null;
            _losing = false;
            _down = false;
        }

        public ISessionStore Wrap(ISessionStore inner) => new Store(inner, this);

        private static HttpRequestException Lost() => new("The connection was reset after the request was sent.", new IOException("Connection reset by peer"));

        private sealed class Store(ISessionStore inner, LostAnswers lost) : ISessionStore
        {
            public string Name => inner.Name;

            public bool OrderedAppends => inner.OrderedAppends;

            public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
            {
                if (lost._down)
                {
                    return Task.FromException(Lost());
                }

                if (lost._losing || storedEvent.Type == lost.LoseFrom)
                {
                    lost._losing = true;
                    return AppliedThenLostAsync(inner.AppendEventAsync(sessionId, storedEvent, cancellationToken));
                }

                return inner.AppendEventAsync(sessionId, storedEvent, cancellationToken);
            }

            public Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken) =>
                lost._down ? Task.FromException<SessionRecord>(Lost()) : inner.CommitAsync(record, storedEvent, cancellationToken);

            public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken) =>
                lost._down ? Task.FromException<SessionRecord>(Lost()) : inner.SaveAsync(record, cancellationToken);

            public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) =>
                lost._down ? Task.FromException<bool>(Lost()) : inner.TryCreateAsync(record, cancellationToken);

            public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) =>
                Reading ? Task.FromException<SessionRecord?>(Lost()) : inner.GetAsync(sessionId, cancellationToken);

            public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken) =>
                Reading ? Task.FromException<IReadOnlyList<StoredEvent>>(Lost()) : inner.GetEventsAsync(sessionId, afterSeq, limit, cancellationToken);

            public Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken) =>
                Reading ? Task.FromException<long>(Lost()) : inner.GetLastSeqAsync(sessionId, cancellationToken);

            public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

            private bool Reading => lost._down && !lost.ReadsWork;

            private async Task AppliedThenLostAsync(Task applied)
            {
                await applied.ConfigureAwait(false);
                lost._down = true;
                Interlocked.Increment(ref lost._applied);
                throw Lost();
            }
        }
    }
}
