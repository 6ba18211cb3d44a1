using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// With the SQLite store a turn starts from the record this process saved last instead of reading
/// it again; a change made by another writer in between must still win over that copy.
/// </summary>
public sealed class RecordCacheTests
{
    [Fact]
    public async Task NextTurn_AnotherWriterSavedInBetween_TurnBuildsOnTheirVersion()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["SESSION_STORE"] = "sqlite" }, s => s.UseSimpleShopping());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (client, connected) = await ChatClient.OpenAsync(host, "user_id=u1", timeout.Token);
        await using var _ = client;
        var sessionId = connected.GetProperty("session_id").GetString()!;
        var store = host.Get<ISessionStore>();

        await client.SendMessageAsync("laptop under $900", clientMessageId: "first", cancellationToken: timeout.Token);
        Assert.Equal("done", (await client.ReceiveUntilAsync(timeout.Token, "done", "error"))[^1].Type());

        // Another writer (a second process on the same file) records a message id of its own.
        var current = (await store.GetAsync(sessionId, timeout.Token))!;
        await store.SaveAsync(current with { ProcessedMessageIds = [.. current.ProcessedMessageIds, "theirs"] }, timeout.Token);

        await client.SendMessageAsync("tablet under $600", clientMessageId: "second", cancellationToken: timeout.Token);
        Assert.Equal("done", (await client.ReceiveUntilAsync(timeout.Token, "done", "error"))[^1].Type());

        var final = (await store.GetAsync(sessionId, timeout.Token))!;
        Assert.Equal(["first", "theirs", "second"], final.ProcessedMessageIds);
        Assert.Equal(current.Version + 3, final.Version);
    }
}
