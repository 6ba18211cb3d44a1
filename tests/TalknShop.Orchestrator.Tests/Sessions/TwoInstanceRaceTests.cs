using System.Text.Json;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// Two service instances on one DynamoDB table, racing turns on one session: every seq is used
/// once, and every turn either lands in the saved conversation or is reported to its client as a
/// conflict; none is lost silently.
/// </summary>
public sealed class TwoInstanceRaceTests(DynaliteServer dynalite, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DynaliteServer>
{
    private const int TurnsPerInstance = 6;

    [Fact]
    public async Task RacingTurnsOnOneSession_NoSeqRepeats_NoUpdateLost()
    {
        var settings = new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "race-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
            ["RATE_LIMIT_PER_USER"] = "1000",
        };
        await using var first = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        await using var second = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        var (a, connected) = await ChatClient.OpenAsync(first, "user_id=racer");
        await using var _ = a;
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;
        var (b, _) = await ChatClient.OpenAsync(second, $"user_id=racer&session_id={sessionId}");
        await using var __ = b;

        var outcomes = await Task.WhenAll(RunTurnsAsync(a, "laptop under $900"), RunTurnsAsync(b, "tablet under $600"));
        var all = outcomes.SelectMany(o => o).ToList();

        output.WriteLine($"turns: {all.Count(o => o == "done")} completed, {all.Count(o => o == "session_conflict")} reported as conflicts");
        var store = first.Get<ISessionStore>();
        var events = await store.GetEventsAsync(sessionId, 0, 10_000, default);
        var seqs = events.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.All(events, e => Assert.Equal(e.Seq, JsonDocument.Parse(e.Frame).RootElement.GetProperty("seq").GetInt64()));

        Assert.All(all, o => Assert.True(o is "done" or "session_conflict", o));
        var record = await store.GetAsync(sessionId, default);
        var savedUserMessages = record!.Flow.Messages.Count(m => m.Role == "user");
        Assert.Equal(all.Count(o => o == "done"), savedUserMessages);
        Assert.Equal(TurnStatuses.Idle, record.TurnStatus);
    }

    private static async Task<List<string>> RunTurnsAsync(ChatClient client, string text)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < TurnsPerInstance; i++)
        {
            await client.SendMessageAsync(text);
            var frames = await client.ReceiveUntilAsync(default, "done", "clarification", "error");
            outcomes.Add(frames[^1].Type() == "error" ? frames[^1].Code()! : frames[^1].Type());
        }

        return outcomes;
    }
}
