using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TalknShop.Orchestrator.Chat;
using TalknShop.Orchestrator.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TalknShop.Orchestrator.Tests.Web;

/// <summary>The chat page at <c>/</c> in a real browser against the real service.</summary>
public sealed class ChatPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _scriptErrors = new();
    private readonly List<IPage> _pages = [];
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping(new TestDoubles.FixedProductSource(
            TestDoubles.Product("B0LAP1", "Dell Inspiron 15", 649m) with { Rating = 4.4, ReviewCount = 1234 },
            TestDoubles.Product("B0LAP2", "Lenovo IdeaPad 5", 799m, brand: "Lenovo") with { Rating = 4.6, ReviewCount = 312 },
            TestDoubles.Product("B0TAB1", "Samsung Galaxy Tab S9", 499m, type: "tablet", brand: "Samsung") with { Rating = 4.7, ReviewCount = 1 })));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.CloseAsync();
        }

        await _host.DisposeAsync();
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task Conversation_LaptopThenBudgetSuggestion_ShowsClarificationCardsAndStreamedAnswer()
    {
        var page = await NewPageAsync(1280, 800);
        var sent = RecordSentFrames(page);

        await OpenAsync(page);
        await ConverseToProductsAsync(page);

        var cards = page.Locator(".card");
        await Expect(cards).ToHaveCountAsync(2);
        var first = cards.First;
        await Expect(first.Locator(".card-title")).ToHaveTextAsync("Dell Inspiron 15");
        await Expect(first.Locator(".card-price")).ToHaveTextAsync("$649.00");
        await Expect(first.Locator(".card-why")).ToHaveTextAsync("Cheapest match");
        await Expect(first.Locator(".card-market")).ToHaveTextAsync("Amazon");
        await Expect(first.Locator(".card-rating")).ToHaveTextAsync("★ 4.4 out of 5 · 1,234 reviews");
        await Expect(first.Locator(".card-media")).ToBeVisibleAsync();
        var link = first.Locator("a.card-link");
        await Expect(link).ToHaveAttributeAsync("href", "https://www.amazon.com/dp/B0LAP1");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", new Regex(@"\bnoopener\b"));
        await Expect(cards.Nth(1).Locator(".card-title")).ToHaveTextAsync("Lenovo IdeaPad 5");

        var answer = page.Locator(".turn.assistant .answer").Last;
        await Expect(answer).ToHaveTextAsync("I found 2 matches. Consider the Dell Inspiron 15. Consider the Lenovo IdeaPad 5.");
        await Expect(answer).Not.ToHaveClassAsync(new Regex(@"\bstreaming\b"));
        await Expect(page.Locator(".turn.assistant .thinking").Last).ToBeHiddenAsync();
        await Expect(page.Locator(".turn.assistant .step").Last).ToHaveClassAsync(new Regex(@"\bcomplete\b"));

        // The web client answers a question with a plain message and tags every message with an id.
        var messages = sent.Select(f => JsonDocument.Parse(f).RootElement).Where(f => f.GetProperty("type").GetString() != "pong").ToList();
        Assert.Equal(["message", "message"], messages.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal(["I want a laptop", "Under $1000"], messages.Select(m => m.GetProperty("message").GetString()));
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("client_message_id").GetString())));
        Assert.Equal(2, messages.Select(m => m.GetProperty("client_message_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Reconnect_ServerDropsSocket_ResumesSameSessionAndAnswersNextMessage()
    {
        var page = await NewPageAsync(1280, 800);
        var socketUrls = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socketUrls.Enqueue(socket.Url);

        await OpenAsync(page);
        await SendAsync(page, "I want a laptop");
        await Expect(page.Locator(".clarification .question")).ToHaveTextAsync("What's your budget?");
        var sessionId = await page.EvaluateAsync<string>("window.__chat.sessionId");
        var lastSeq = await page.EvaluateAsync<long>("window.__chat.lastSeq");
        Assert.Equal(sessionId, await page.EvaluateAsync<string>("localStorage.getItem('talknshop.session_id')"));

        // Watch the status from inside the page: "reconnecting" may last only half a second.
        await page.EvaluateAsync("""
            () => {
              const status = document.getElementById('connection');
              window.__states = [];
              new MutationObserver(() => window.__states.push(status.dataset.state))
                .observe(status, { attributes: true, attributeFilter: ['data-state'] });
            }
            """);

        // What a redeploy does: the server ends the socket (1001 Going Away); the page did not ask for it.
        var registry = _host.Get<ConnectionRegistry>();
        var dropped = registry.Snapshot().Single();
        dropped.Close(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.ServerShutdown);

        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await WaitUntilAsync(() => registry.Snapshot().Any(c => c.ConnectionId != dropped.ConnectionId));
        var states = await page.EvaluateAsync<string[]>("window.__states");
        Assert.Equal(["reconnecting", "connected"], states.Distinct());
        Assert.Equal(sessionId, registry.Snapshot().Single().SessionId);
        Assert.Equal(2, socketUrls.Count);
        var resumedUrl = new Uri(socketUrls.Last());
        Assert.Contains($"session_id={sessionId}", resumedUrl.Query, StringComparison.Ordinal);
        Assert.Contains($"last_seq={lastSeq}", resumedUrl.Query, StringComparison.Ordinal);
        Assert.Equal(sessionId, await page.EvaluateAsync<string>("window.__chat.sessionId"));

        // The conversation goes on: the pending question is answered by the next message.
        await SendAsync(page, "Actually a tablet under $500");
        await Expect(page.Locator(".card .card-title")).ToHaveTextAsync(["Samsung Galaxy Tab S9"]);
        await Expect(page.Locator(".turn.assistant .answer").Last)
            .ToHaveTextAsync("I found 1 matches. Consider the Samsung Galaxy Tab S9.");
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
        // Nothing was shown twice: one question, one results turn.
        await Expect(page.Locator(".turn.assistant")).ToHaveCountAsync(2);
        await Expect(page.Locator(".clarification")).ToHaveCountAsync(1);
        await Expect(page.Locator(".notice.error, .error")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("phone", 375, 812)]
    [InlineData("wide", 1280, 800)]
    public async Task Layout_ConversationWithCards_HasNoHorizontalScroll(string name, int width, int height)
    {
        var page = await NewPageAsync(width, height);

        await OpenAsync(page);
        await ConverseToProductsAsync(page);
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);

        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const wide = [];
              if (document.documentElement.scrollWidth > width) wide.push('document ' + document.documentElement.scrollWidth);
              const transcript = document.getElementById('transcript');
              if (transcript.scrollWidth > transcript.clientWidth) wide.push('transcript ' + transcript.scrollWidth);
              for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.width > 1 && (box.right > width + 0.5 || box.left < -0.5)) wide.push(el.tagName + '.' + el.className + ' ' + box.left + '..' + box.right);
              }
              return wide;
            }
            """);
        Assert.Empty(overflow);
        Assert.Equal(width, await page.EvaluateAsync<int>("document.documentElement.clientWidth"));

        await SaveScreenshotAsync(page, $"chat-{name}.png");
    }

    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var page = await chromium.NewPageAsync(width, height);
        _pages.Add(page);
        return page;
    }

    /// <summary>Opens the page, waits until it is connected, and checks it keeps free of script errors.</summary>
    private async Task OpenAsync(IPage page)
    {
        page.PageError += (_, error) => _scriptErrors.Enqueue(error);
        await page.GotoAsync(_host.BaseUri.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByLabel("Message")).ToBeFocusedAsync();
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var input = page.GetByLabel("Message");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(input).ToHaveValueAsync("");
        await Expect(page.Locator(".turn.user").Last).ToHaveTextAsync(text);
    }

    private static async Task ConverseToProductsAsync(IPage page)
    {
        await SendAsync(page, "I want a laptop");
        var question = page.Locator(".clarification").Last;
        await Expect(question.Locator(".question")).ToHaveTextAsync("What's your budget?");
        await Expect(question.GetByRole(AriaRole.Button)).ToHaveTextAsync(["Under $500", "Under $1000"]);
        await question.GetByRole(AriaRole.Button, new() { Name = "Under $1000" }).ClickAsync();
        await Expect(page.Locator(".turn.user").Last).ToHaveTextAsync("Under $1000");
        await Expect(page.Locator(".card").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Message")).ToBeFocusedAsync();
    }

    private static ConcurrentQueue<string> RecordSentFrames(IPage page)
    {
        var sent = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => sent.Enqueue(frame.Text ?? "");
        return sent;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(ChromiumFixture.Timeout);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>
    /// Always written next to the test binaries; also to <c>TALKNSHOP_SCREENSHOTS</c> when set
    /// (how docs/screenshots is refreshed, see the README).
    /// </summary>
    private static async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var directories = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("TALKNSHOP_SCREENSHOTS") is { Length: > 0 } docs)
        {
            directories.Add(docs);
        }

        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        Assert.True(png.Length is > 1000 and < 1_000_000, $"screenshot of {png.Length} bytes");
        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(Path.Combine(directory, fileName), png);
        }
    }
}
