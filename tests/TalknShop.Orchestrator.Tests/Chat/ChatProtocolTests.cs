using System.Globalization;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

public sealed partial class ChatProtocolTests : IAsyncLifetime
{
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Connect_WithoutSession_SendsConnectedWithNewSessionId()
    {
        var (client, connected) = await ChatClient.OpenAsync(_host, "user_id=test_user");
        await using var _ = client;

        var data = connected.Data();
        Assert.Matches(SessionIdPattern(), data.GetProperty("session_id").GetString()!);
        Assert.Equal(data.GetProperty("session_id").GetString(), connected.GetProperty("session_id").GetString());
        Assert.Equal("Connected to TalknShop orchestrator", data.GetProperty("message").GetString());
        Assert.False(data.GetProperty("resumed").GetBoolean());
        Assert.Equal("INITIAL", data.GetProperty("workflow_stage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("pending_clarification").ValueKind);
        Assert.Equal(0, data.GetProperty("last_seq").GetInt64());
        Assert.Null(connected.Seq());
        Assert.Matches(TimestampPattern(), connected.GetProperty("timestamp").GetString()!);
        Assert.Matches(TimestampPattern(), data.GetProperty("server_time").GetString()!);
    }

    [Fact]
    public async Task Message_TextSearch_StreamsWellFormedTurnEndingInDone()
    {
        var (client, _) = await ChatClient.OpenAsync(_host, "user_id=test_user");
        await using var __ = client;

        await client.SendMessageAsync("I need a laptop under $1000");
        var frames = await client.ReceiveUntilAsync(default, "done", "clarification", "error");

        Assert.Equal("thinking", frames[0].Type());
        Assert.Equal("done", frames[^1].Type());
        Assert.Equal("completed", frames[^1].Data().GetProperty("status").GetString());
        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long?)i), frames.Select(f => f.Seq()));
        var turnId = frames[0].GetProperty("turn_id").GetString();
        Assert.All(frames, f => Assert.Equal(turnId, f.GetProperty("turn_id").GetString()));
        Assert.All(frames, f => Assert.Matches(TimestampPattern(), f.GetProperty("timestamp").GetString()!));

        var steps = frames.Where(f => f.Type() == "progress").Select(f => f.Data().GetProperty("step").GetString()).ToList();
        Assert.Equal(["ParseInput", "BuildRequirementSpec", "SearchMarketplaces", "RankAndCompose", "Done"], steps);
        Assert.All(frames.Where(f => f.Type() == "progress"), f => Assert.Equal(f.Data().GetProperty("stage").GetString(), f.Data().GetProperty("stage").GetString()!.ToUpperInvariant()));

        var tokens = frames.Where(f => f.Type() == "token").ToList();
        Assert.True(tokens.Count >= 2);
        Assert.True(tokens[^1].Data().GetProperty("is_complete").GetBoolean());
        Assert.All(tokens[..^1], t => Assert.False(t.Data().GetProperty("is_complete").GetBoolean()));
        ProtocolAssert.NoInternalText(frames);

        var results = Assert.Single(frames, f => f.Type() == "results").Data();
        Assert.Equal(2, results.GetProperty("total_count").GetInt32());
        Assert.Equal("laptop", results.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal(1000m, results.GetProperty("requirement_spec").GetProperty("price").GetProperty("max").GetDecimal());
        ProtocolAssert.ProductsFollowContract(results.GetProperty("products"));
        Assert.Equal(string.Concat(tokens.Select(t => t.Data().GetProperty("content").GetString())).Trim(), results.GetProperty("final_response").GetString());
    }

    [Fact]
    public async Task Ping_FromClient_GetsPongWithoutSeq()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendJsonAsync(new { type = "ping" });
        var pong = await client.ReceiveAsync();

        Assert.Equal("pong", pong.Type());
        Assert.Null(pong.Seq());
    }

    [Fact]
    public async Task Pong_FromClient_IsAcceptedSilently()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendJsonAsync(new { type = "pong" });
        await client.SendJsonAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveAsync()).Type());
    }

    [Fact]
    public async Task Disconnect_ClosesNormallyAndForgetsConnection()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendJsonAsync(new { type = "disconnect" });
        var frames = await client.ReceiveUntilClosedAsync();

        Assert.Empty(frames);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        await ProtocolAssert.EventuallyAsync(() => _host.Get<Orchestrator.Chat.ConnectionRegistry>().Count == 0);
    }

    [Fact]
    public async Task Resume_WithLastSeq_ReplaysMissedEventsInOrder()
    {
        var (client, connected) = await ChatClient.OpenAsync(_host);
        await using var __ = client;
        await client.SendMessageAsync("laptop under $900");
        var turn = await client.ReceiveUntilAsync(default, "done");

        await client.SendJsonAsync(new { type = "resume", last_seq = 2 });
        var replayed = new List<System.Text.Json.JsonElement>();
        for (var i = 2; i < turn.Count; i++)
        {
            replayed.Add(await client.ReceiveAsync());
        }

        Assert.Equal(turn.Skip(2).Select(f => f.GetRawText()), replayed.Select(f => f.GetRawText()));
    }

    [Fact]
    public async Task Connect_WithLastSeq_ReplaysAfterConnectedThenGoesLive()
    {
        var (first, connected) = await ChatClient.OpenAsync(_host, "user_id=u1");
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        await first.SendMessageAsync("tablet under $600");
        var turn = await first.ReceiveUntilAsync(default, "done");
        await first.DisposeAsync();

        var (second, reconnected) = await ChatClient.OpenAsync(_host, $"user_id=u1&session_id={sessionId}&last_seq=3");
        await using var __ = second;
        Assert.True(reconnected.Data().GetProperty("resumed").GetBoolean());
        Assert.Equal(turn[^1].Seq(), reconnected.Data().GetProperty("last_seq").GetInt64());
        var replayed = new List<System.Text.Json.JsonElement>();
        for (var i = 3; i < turn.Count; i++)
        {
            replayed.Add(await second.ReceiveAsync());
        }

        Assert.Equal(turn.Skip(3).Select(f => f.GetRawText()), replayed.Select(f => f.GetRawText()));

        await second.SendMessageAsync("laptop under $700");
        var next = await second.ReceiveUntilAsync(default, "done");
        Assert.Equal(turn[^1].Seq() + 1, next[0].Seq());
    }

    [Fact]
    public async Task Cancel_WithoutRunningTurn_IsRecoverableError()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendJsonAsync(new { type = "cancel" });
        var error = await client.ReceiveAsync();

        Assert.Equal("no_active_turn", error.Code());
        Assert.True(error.Data().GetProperty("recoverable").GetBoolean());
    }

    [GeneratedRegex("^sess_[0-9a-f]{12}$")]
    private static partial Regex SessionIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    internal static partial Regex TimestampPattern();
}
