using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// A conversation paused on a clarifying question survives a restart of the service: a new
/// process on the same store replays what the client missed and resumes the flow.
/// </summary>
public sealed class SessionRestartTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public async Task Restart_SqliteWithPendingClarification_ResumesConversation()
    {
        using var dataDir = new TempDirectory();
        await PendingClarificationSurvivesRestartAsync(new Dictionary<string, string?> { ["SESSION_STORE"] = "sqlite", ["DATA_DIR"] = dataDir.Path });
    }

    [Fact]
    public async Task Restart_DynamoDbWithPendingClarification_ResumesConversation()
    {
        await PendingClarificationSurvivesRestartAsync(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "restart-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
        });
    }

    [Fact]
    public async Task Restart_SqliteTurnInterruptedByShutdown_NewProcessRunsItAgain()
    {
        using var dataDir = new TempDirectory();
        await InterruptedTurnRunsAgainAfterRestartAsync(new Dictionary<string, string?> { ["DATA_DIR"] = dataDir.Path });
    }

    [Fact]
    public async Task Restart_DynamoDbTurnInterruptedByShutdown_NewProcessRunsItAgain()
    {
        await InterruptedTurnRunsAgainAfterRestartAsync(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "midturn-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
        });
    }

    private static async Task InterruptedTurnRunsAgainAfterRestartAsync(Dictionary<string, string?> settings)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sessionId = "sess_" + Guid.NewGuid().ToString("N")[..12];
        List<JsonElement> beforeStop;

        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        var before = new OrchestratorHost(settings, s => s.UseSimpleShopping(gated));
        var (client, _) = await ChatClient.OpenAsync(before, $"user_id=u1&session_id={sessionId}", timeout.Token);
        await using (client)
        {
            await client.SendMessageAsync("laptop under $900", cancellationToken: timeout.Token);
            await gated.Entered.WaitAsync(timeout.Token);
            var stopping = before.DisposeAsync().AsTask();
            beforeStop = await client.ReceiveUntilClosedAsync(timeout.Token);
            await stopping.WaitAsync(timeout.Token);
        }

        var lastSeen = beforeStop.Where(f => f.Seq() is not null).Max(f => f.Seq()!.Value);
        Assert.DoesNotContain(beforeStop, f => f.Type() is "done" or "results");

        await using var after = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        var (resumed, connected) = await ChatClient.OpenAsync(after, $"user_id=u1&session_id={sessionId}&last_seq={lastSeen}", timeout.Token);
        await using var _ = resumed;
        var rerun = await resumed.ReceiveUntilAsync(timeout.Token, "done", "error");

        Assert.Equal(lastSeen, connected.Data().GetProperty("last_seq").GetInt64());
        Assert.Equal("done", rerun[^1].Type());
        Assert.Equal(Enumerable.Range(1, rerun.Count).Select(i => (long?)(lastSeen + i)), rerun.Select(f => f.Seq()));
        var results = Assert.Single(rerun, f => f.Type() == "results").Data();
        Assert.Equal(900m, results.GetProperty("requirement_spec").GetProperty("price").GetProperty("max").GetDecimal());
    }

    private static async Task PendingClarificationSurvivesRestartAsync(Dictionary<string, string?> settings)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sessionId = "sess_" + Guid.NewGuid().ToString("N")[..12];
        const int seenBeforeRestart = 2;
        List<JsonElement> firstTurn;

        await using (var before = new OrchestratorHost(settings, s => s.UseSimpleShopping()))
        {
            var (client, _) = await ChatClient.OpenAsync(before, $"user_id=u1&session_id={sessionId}", timeout.Token);
            await using (client)
            {
                await client.SendMessageAsync("I want a laptop", cancellationToken: timeout.Token);
                firstTurn = await client.ReceiveUntilAsync(timeout.Token, "clarification", "done", "error");
            }
        }

        Assert.Equal("clarification", firstTurn[^1].Type());
        var lastSeq = firstTurn[^1].Seq()!.Value;

        await using var after = new OrchestratorHost(settings, s => s.UseSimpleShopping());
        var (resumed, connected) = await ChatClient.OpenAsync(after, $"user_id=u1&session_id={sessionId}&last_seq={seenBeforeRestart}", timeout.Token);
        await using var _ = resumed;

        var data = connected.Data();
        Assert.True(data.GetProperty("resumed").GetBoolean());
        Assert.Equal("CLARIFICATION", data.GetProperty("workflow_stage").GetString());
        Assert.Equal(firstTurn[^1].Data().GetProperty("question").GetString(), data.GetProperty("pending_clarification").GetProperty("question").GetString());
        Assert.Equal(lastSeq, data.GetProperty("last_seq").GetInt64());

        var replayed = new List<JsonElement>();
        for (var i = seenBeforeRestart; i < firstTurn.Count; i++)
        {
            replayed.Add(await resumed.ReceiveAsync(cancellationToken: timeout.Token));
        }

        Assert.Equal(firstTurn.Skip(seenBeforeRestart).Select(f => f.GetRawText()), replayed.Select(f => f.GetRawText()));

        await resumed.SendMessageAsync("Under $1000", cancellationToken: timeout.Token);
        var answerTurn = await resumed.ReceiveUntilAsync(timeout.Token, "done", "error");

        Assert.Equal("done", answerTurn[^1].Type());
        Assert.Equal(Enumerable.Range(1, answerTurn.Count).Select(i => (long?)(lastSeq + i)), answerTurn.Select(f => f.Seq()));
        var results = Assert.Single(answerTurn, f => f.Type() == "results").Data();
        Assert.Equal("laptop", results.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal(1000m, results.GetProperty("requirement_spec").GetProperty("price").GetProperty("max").GetDecimal());
    }
}
