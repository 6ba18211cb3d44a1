using System.Text.Json;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Turns;

/// <summary>
/// Two service instances (in-process hosts) on one dynalite table: the instance a session's socket
/// arrives at takes the session's lease. The previous owner stops writing, closes its socket with
/// <c>session_taken_over</c> and says nothing else; a turn it was running is finished by the new
/// owner under the same turn id; the log stays gapless and every message ends once.
/// </summary>
public sealed class LeaseHandoverTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    private Dictionary<string, string?> Settings(string leaseSeconds = "10") => new()
    {
        ["SESSION_STORE"] = "dynamodb",
        ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
        ["DYNAMODB_TABLE_NAME"] = "lease-" + Guid.NewGuid().ToString("N")[..8],
        ["DYNAMODB_CREATE_TABLE"] = "true",
        ["RATE_LIMIT_PER_USER"] = "1000",
        ["SESSION_LEASE_SECONDS"] = leaseSeconds,
    };

    [Fact]
    public async Task SocketOpenedOnAnotherInstance_WhileATurnRuns_NewOwnerFinishesIt_OldSocketClosedTakenOver()
    {
        var settings = Settings();
        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        await using var first = new OrchestratorHost(settings, s => s.UseSimpleShopping(gated));
        await using var second = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        var (a, connected) = await ChatClient.OpenAsync(first, "user_id=mover", _timeout.Token);
        await using var _ = a;
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;
        await a.SendMessageAsync("laptop under $900", "m1", cancellationToken: _timeout.Token);
        await gated.Entered.WaitAsync(_timeout.Token);

        // The shopper's socket arrives at the second instance while the first one searches.
        var (b, _) = await ChatClient.OpenAsync(second, $"user_id=mover&session_id={sessionId}&last_seq=0", _timeout.Token);
        await using var __ = b;
        var onSecond = await b.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");

        // The first instance's search comes back: its next write meets the new owner's fence.
        gated.Release();
        var onFirst = await a.ReceiveUntilClosedAsync(_timeout.Token);

        Assert.Equal("session_taken_over", a.CloseDescription);
        Assert.Contains(onFirst, f => f.Type() == "error" && f.Code() == "session_taken_over");
        Assert.DoesNotContain(onFirst, f => f.Type() == "error" && f.Code() is "session_conflict" or "store_unavailable");
        Assert.DoesNotContain(onFirst, f => f.Type() is "results" or "done");

        Assert.Equal("done", onSecond[^1].Type());
        var thinking = onSecond.Where(f => f.Type() == "thinking").ToList();
        Assert.Equal(2, thinking.Count);
        Assert.False(thinking[0].Data().GetProperty("restarted").GetBoolean());
        Assert.True(thinking[1].Data().GetProperty("restarted").GetBoolean());
        Assert.Equal(thinking[0].GetProperty("turn_id").GetString(), thinking[1].GetProperty("turn_id").GetString());
        Assert.Equal(Enumerable.Range(1, onSecond.Count).Select(i => (long?)i), onSecond.Select(f => f.Seq()));

        var store = second.Get<ISessionStore>();
        var log = await store.GetEventsAsync(sessionId, 0, 1000, _timeout.Token);
        Assert.Equal(onSecond.Select(f => f.GetRawText()), log.Select(e => JsonDocument.Parse(e.Frame).RootElement.GetRawText()));
        var record = (await store.GetAsync(sessionId, _timeout.Token))!;
        Assert.Equal(TurnStatuses.Idle, record.TurnStatus);
        Assert.Null(record.Turn);
        Assert.Single(record.Flow.Messages, m => m.Role == "user");
        Assert.Contains("m1", record.ProcessedMessageIds);
    }

    [Fact]
    public async Task SessionTakenElsewhere_IdleOwner_ClosesItsSocketOnItsNextRenewal()
    {
        var settings = Settings(leaseSeconds: "1.5");
        await using var first = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        await using var second = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        var (a, connected) = await ChatClient.OpenAsync(first, "user_id=idle", _timeout.Token);
        await using var _ = a;
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;

        var (b, _) = await ChatClient.OpenAsync(second, $"user_id=idle&session_id={sessionId}", _timeout.Token);
        await using var __ = b;

        // Renewals run every half second here: the first instance learns it from the next one.
        var onFirst = await a.ReceiveUntilClosedAsync(_timeout.Token);
        Assert.Equal("session_taken_over", a.CloseDescription);
        Assert.Equal("session_taken_over", Assert.Single(onFirst, f => f.Type() == "error").Code());

        // The new owner goes on serving the session.
        await b.SendMessageAsync("tablet under $600", "m1", cancellationToken: _timeout.Token);
        var frames = await b.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");
        Assert.Equal("done", frames[^1].Type());
        Assert.Empty(first.Get<HeldLeases>().Snapshot());
    }

    [Fact]
    public async Task MessagesAlternatingBetweenInstances_WithAPendingQuestion_EachEndsOnce_NoConflict()
    {
        var settings = Settings();
        await using var first = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        await using var second = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        OrchestratorHost[] hosts = [first, second];
        string? sessionId = null;
        long lastSeq = 0;
        string[] messages = ["laptop", "under $900", "tablet under $600", "phone", "under $400"];
        var ends = new List<string>();
        for (var i = 0; i < messages.Length; i++)
        {
            // A new socket each time, on the other instance: the previous one was closed by the client.
            var query = sessionId is null ? "user_id=alternate" : $"user_id=alternate&session_id={sessionId}&last_seq={lastSeq}";
            var (client, connected) = await ChatClient.OpenAsync(hosts[i % 2], query, _timeout.Token);
            await using var _ = client;
            sessionId ??= connected.Data().GetProperty("session_id").GetString();
            if (i > 0 && ends[^1] == "clarification")
            {
                // The question asked on one instance is the pending one on the other.
                Assert.Equal(JsonValueKind.Object, connected.Data().GetProperty("pending_clarification").ValueKind);
            }

            await client.SendMessageAsync(messages[i], $"m{i}", cancellationToken: _timeout.Token);
            var frames = await client.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");
            Assert.Equal(lastSeq + 1, frames[0].Seq());
            Assert.Equal(Enumerable.Range(0, frames.Count).Select(k => (long?)(lastSeq + 1 + k)), frames.Select(f => f.Seq()));
            lastSeq = frames[^1].Seq()!.Value;
            ends.Add(frames[^1].Type() == "error" ? frames[^1].Code()! : frames[^1].Type());
        }

        Assert.Equal(["clarification", "done", "done", "clarification", "done"], ends);
        var store = first.Get<ISessionStore>();
        var record = (await store.GetAsync(sessionId!, _timeout.Token))!;
        Assert.Equal(messages.Length, record.Flow.Messages.Count(m => m.Role == "user"));
        var seqs = (await store.GetEventsAsync(sessionId!, 0, 1000, _timeout.Token)).Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(k => (long)k), seqs);
    }

    [Fact]
    public async Task LastSocketClosed_NoTurnRunning_LeaseIsReleased()
    {
        var settings = Settings();
        await using var host = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        var (client, connected) = await ChatClient.OpenAsync(host, "user_id=leaver", _timeout.Token);
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;
        var held = host.Get<HeldLeases>();
        Assert.NotNull(held.Get(sessionId));

        await client.DisposeAsync();

        var leases = host.Get<DynamoDbSessionLeases>();
        var time = host.Get<TimeProvider>();
        while (held.Get(sessionId) is not null || (await leases.ReadAsync(sessionId, _timeout.Token))!.ExpiresAt > time.GetUtcNow())
        {
            await Task.Delay(20, _timeout.Token);
        }

        var stored = (await leases.ReadAsync(sessionId, _timeout.Token))!;
        Assert.Equal(held.Owner, stored.Owner);
    }
}
