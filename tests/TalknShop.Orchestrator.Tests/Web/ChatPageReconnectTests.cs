using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Playwright;
using TalknShop.Orchestrator.Chat;
using TalknShop.Orchestrator.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TalknShop.Orchestrator.Tests.Web;

/// <summary>
/// The page across dropped connections and reloads. The server ends the socket itself (1001 Going Away, what
/// a redeploy does), so the browser sees a real close it did not ask for.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class ChatPageReconnectTests(ChromiumFixture chromium) : ChatPageSession(chromium)
{
    [Fact]
    public async Task Reconnect_ServerDropsSocket_ResumesSameSessionAndAnswersNextMessage()
    {
        var host = StartHost();
        var socketUrls = new ConcurrentQueue<string>();
        var page = await OpenAsync(host, beforeLoad: p => p.WebSocket += (_, socket) => socketUrls.Enqueue(socket.Url));
        await SendAsync(page, "I want a laptop");
        await Expect(page.Locator(".clarification .question")).ToHaveTextAsync("What's your budget?");
        var sessionId = await page.EvaluateAsync<string>("window.__chat.sessionId");
        var lastSeq = await page.EvaluateAsync<long>("window.__chat.lastSeq");
        Assert.Equal(sessionId, await page.EvaluateAsync<string>("localStorage.getItem('talknshop.session_id')"));

        await WatchStatesAsync(page);
        var registry = host.Get<ConnectionRegistry>();
        var dropped = registry.Snapshot().Single();
        dropped.Close(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.ServerShutdown);

        // The page may not have seen the close yet, and still say "connected" from before: wait
        // for the round trip through "reconnecting" instead.
        await page.WaitForFunctionAsync("() => window.__states.includes('reconnecting') && window.__states.at(-1) === 'connected'", null, new() { Timeout = 15_000 });
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await WaitUntilAsync(() => registry.Snapshot() is { Count: 1 } open && open.Single().ConnectionId != dropped.ConnectionId);
        Assert.Equal(["reconnecting", "connected"], (await page.EvaluateAsync<string[]>("window.__states")).Distinct());
        Assert.Equal(sessionId, registry.Snapshot().Single().SessionId);
        Assert.Equal(2, socketUrls.Count);
        var resumed = new Uri(socketUrls.Last()).Query;
        Assert.Contains($"session_id={sessionId}", resumed, StringComparison.Ordinal);
        Assert.Contains($"last_seq={lastSeq}", resumed, StringComparison.Ordinal);
        Assert.Equal(sessionId, await page.EvaluateAsync<string>("window.__chat.sessionId"));

        // The conversation goes on: the pending question is answered by the next message.
        await SendAsync(page, "Actually a tablet under $500");
        await Expect(page.Locator(".card .card-title")).ToHaveTextAsync(["Samsung Galaxy Tab S9"]);
        await Expect(page.Locator(".turn.assistant .answer").Last).ToHaveTextAsync("I found 1 matches. Consider the Samsung Galaxy Tab S9.");
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".turn.assistant")).ToHaveCountAsync(2);
        await Expect(page.Locator(".clarification")).ToHaveCountAsync(1);
        await Expect(page.Locator(".error")).ToHaveCountAsync(0);

        // A replay that overlaps what is on screen (here all of it) adds nothing. The server
        // answers the ping only after the replay, so the pong says it is all in.
        var shown = await page.Locator("#log").InnerTextAsync();
        await page.EvaluateAsync("""
            () => new Promise((resolve) => {
              const socket = window.__chat.socket;
              socket.addEventListener('message', (e) => { if (JSON.parse(e.data).type === 'pong') resolve(); });
              socket.send(JSON.stringify({ type: 'resume', last_seq: 0 }));
              socket.send(JSON.stringify({ type: 'ping' }));
            })
            """);
        Assert.Equal(shown, await page.Locator("#log").InnerTextAsync());
    }

    [Fact]
    public async Task Reconnect_DropWhileSearching_ShowsMissedEventsExactlyOnce()
    {
        var source = new TestDoubles.GatedProductSource(Catalog());
        var host = StartHost(source);
        var page = await OpenAsync(host);
        await SendAsync(page, "I want a laptop under $1000");
        await source.Entered.WaitAsync(ChromiumFixture.Timeout);
        await Expect(page.Locator(".turn.assistant .step")).Not.ToHaveCountAsync(0);

        // The turn finishes while the page is away; the page must get the rest by replay.
        var registry = host.Get<ConnectionRegistry>();
        var dropped = registry.Snapshot().Single();
        dropped.Close(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.ServerShutdown);
        await WaitUntilAsync(() => !registry.Snapshot().Contains(dropped));
        source.Release();

        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.Locator(".card .card-title")).ToHaveTextAsync(["Dell Inspiron 15", "Lenovo IdeaPad 5"]);
        await Expect(page.Locator(".turn.assistant .answer")).ToHaveTextAsync(
            ["I found 2 matches. Consider the Dell Inspiron 15. Consider the Lenovo IdeaPad 5."]);
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
        var steps = await page.Locator(".turn.assistant .step").AllTextContentsAsync();
        Assert.Equal(steps.Distinct(), steps);
        await Expect(page.Locator(".cards")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Reload_AfterConversation_ShowsItAgainInOrderAndGoesOn()
    {
        var page = await OpenAsync(StartHost());
        await ConverseToProductsAsync(page);
        var before = await page.Locator(".turn").AllInnerTextsAsync();
        var sessionId = await page.EvaluateAsync<string>("window.__chat.sessionId");

        await page.ReloadAsync();

        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.Locator(".card .card-title")).ToHaveTextAsync(["Dell Inspiron 15", "Lenovo IdeaPad 5"]);
        await Expect(page.Locator(".turn.user")).ToHaveTextAsync(["I want a laptop", "Under $1000"]);
        Assert.Equal(before, await page.Locator(".turn").AllInnerTextsAsync());
        Assert.Equal(sessionId, await page.EvaluateAsync<string>("window.__chat.sessionId"));
        await Expect(page.Locator(".suggestions button:enabled")).ToHaveCountAsync(0);

        await SendAsync(page, "Show me a tablet under $500");
        await Expect(page.Locator(".cards").Last.Locator(".card-title")).ToHaveTextAsync(["Samsung Galaxy Tab S9"]);
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NewConversation_Clicked_ForgetsSessionAndStartsAnother()
    {
        var host = StartHost();
        var page = await OpenAsync(host);
        await SendAsync(page, "I want a laptop");
        await Expect(page.Locator(".clarification")).ToHaveCountAsync(1);
        var first = await page.EvaluateAsync<string>("window.__chat.sessionId");

        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();

        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.Locator(".turn")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Message")).ToBeFocusedAsync();
        await WaitUntilAsync(() => host.Get<ConnectionRegistry>().Snapshot() is { Count: 1 } open && open.Single().SessionId != first);
        var second = await page.EvaluateAsync<string>("window.__chat.sessionId");
        Assert.NotEqual(first, second);
        Assert.Equal(second, await page.EvaluateAsync<string>("localStorage.getItem('talknshop.session_id')"));

        // A fresh conversation: the old question is gone, so "laptop" is asked about again.
        await SendAsync(page, "I want a laptop");
        await Expect(page.Locator(".clarification .question")).ToHaveTextAsync("What's your budget?");
    }

    [Fact]
    public async Task Offline_MessageTypedMeanwhile_SentWhenBackOnline()
    {
        var host = StartHost();
        var page = await OpenAsync(host);
        var registry = host.Get<ConnectionRegistry>();
        var dropped = registry.Snapshot().Single();

        await page.Context.SetOfflineAsync(true);
        dropped.Close(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.ServerShutdown);
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "offline");
        await SendAsync(page, "I want a tablet under $500");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(registry.Snapshot());

        await page.Context.SetOfflineAsync(false);

        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.Locator(".card .card-title")).ToHaveTextAsync(["Samsung Galaxy Tab S9"]);
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".turn.user")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Heartbeat_ServerPings_PageAnswersWithPongAndShowsNothing()
    {
        var host = StartHost(settings: new Dictionary<string, string?> { ["WS_HEARTBEAT_INTERVAL"] = "0.2" });
        var page = await OpenAsync(host);

        var connection = host.Get<ConnectionRegistry>().Snapshot().Single();
        await WaitUntilAsync(() => connection.LastClientPongAt is not null);
        await Expect(page.Locator("#log > :not(#welcome)")).ToHaveCountAsync(0);
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>Records every status change inside the page: "reconnecting" may last half a second.</summary>
    private static async Task WatchStatesAsync(IPage page) => await page.EvaluateAsync("""
        () => {
          const status = document.getElementById('connection');
          window.__states = [];
          new MutationObserver(() => window.__states.push(status.dataset.state))
            .observe(status, { attributes: true, attributeFilter: ['data-state'] });
        }
        """);
}
