using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TalknShop.Orchestrator.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TalknShop.Orchestrator.Tests.Web;

/// <summary>The chat page at <c>/</c> in a real browser against the real service.</summary>
[Collection(ChromiumTests.Name)]
public sealed class ChatPageTests(ChromiumFixture chromium) : ChatPageSession(chromium)
{
    [Fact]
    public async Task Conversation_LaptopThenBudgetSuggestion_ShowsClarificationCardsAndStreamedAnswer()
    {
        var host = StartHost();
        var sent = new ConcurrentQueue<string>();
        var page = await OpenAsync(host, beforeLoad: p => p.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => sent.Enqueue(frame.Text ?? ""));

        await ConverseToProductsAsync(page);

        var cards = page.Locator(".card");
        await Expect(cards).ToHaveCountAsync(2);
        var first = cards.First;
        await Expect(first.Locator(".card-title")).ToHaveTextAsync("Dell Inspiron 15");
        await Expect(first.Locator(".card-price")).ToHaveTextAsync("$649.00");
        await Expect(first.Locator(".card-rating")).ToHaveTextAsync("★ 4.4 out of 5 · 1,234 reviews");
        await Expect(first.Locator(".card-market")).ToHaveTextAsync("Amazon");
        await Expect(first.Locator(".card-why")).ToHaveTextAsync("Cheapest match");
        await Expect(first.Locator(".card-media")).ToBeVisibleAsync();
        var link = first.Locator("a.card-link");
        await Expect(link).ToHaveAttributeAsync("href", "https://www.amazon.com/dp/B0LAP1");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", new Regex(@"\bnoopener\b"));
        await Expect(cards.Nth(1).Locator(".card-title")).ToHaveTextAsync("Lenovo IdeaPad 5");
        await Expect(cards.Nth(1).Locator(".card-price")).ToHaveTextAsync("$799.00");

        var answer = page.Locator(".turn.assistant .answer").Last;
        await Expect(answer).ToHaveTextAsync("I found 2 matches. Consider the Dell Inspiron 15. Consider the Lenovo IdeaPad 5.");
        await Expect(answer).Not.ToHaveClassAsync(new Regex(@"\bstreaming\b"));
        await Expect(page.Locator(".turn.assistant .thinking").Last).ToBeHiddenAsync();
        await Expect(page.Locator(".turn.assistant .step").Last).ToHaveClassAsync(new Regex(@"\bcomplete\b"));

        // The web client answers a question with a plain message and tags every message with an id.
        var messages = sent.Select(f => JsonDocument.Parse(f).RootElement).Where(f => f.GetProperty("type").GetString() is not ("ping" or "pong")).ToList();
        Assert.Equal(["message", "message"], messages.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal(["I want a laptop", "Under $1000"], messages.Select(m => m.GetProperty("message").GetString()));
        Assert.Equal(2, messages.Select(m => m.GetProperty("client_message_id").GetString()).Where(id => !string.IsNullOrEmpty(id)).Distinct().Count());
    }

    [Fact]
    public async Task Keyboard_ShiftTabToSuggestionAndEnter_AnswersTheQuestion()
    {
        var page = await OpenAsync(StartHost(), 375, 812);
        var input = page.GetByLabel("Message");
        await input.PressSequentiallyAsync("I want a laptop");
        await input.PressAsync("Enter");
        await Expect(page.Locator(".clarification .question")).ToHaveTextAsync("What's your budget?");
        await Expect(input).ToBeFocusedAsync();

        // From the message box, one step back is the last suggestion.
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Under $1000" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".turn.user").Last).ToHaveTextAsync("Under $1000");
        await Expect(input).ToBeFocusedAsync();
        await Expect(page.Locator(".card")).ToHaveCountAsync(2);

        // Shift+Enter is a new line, not a send.
        await input.PressSequentiallyAsync("first line");
        await input.PressAsync("Shift+Enter");
        await input.PressSequentiallyAsync("second line");
        await Expect(input).ToHaveValueAsync("first line\nsecond line");
        await Expect(page.Locator(".turn.user")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task ServerText_WithMarkupAndScriptLink_IsShownAsPlainTextWithoutLink()
    {
        const string title = "<img src=x onerror=\"window.__pwned=1\"><b>Pixel 9</b>";
        var host = StartHost(new TestDoubles.FixedProductSource(
            TestDoubles.Product("B0PHN1", title, 399m, type: "phone", brand: "Google") with
            {
                DeepLink = "javascript:window.__pwned=1",
                MarketplaceUrl = "javascript:window.__pwned=1",
            }));
        var page = await OpenAsync(host, 375, 812);

        await SendAsync(page, "A phone under $400 <script>window.__pwned=1</script>");

        await Expect(page.Locator(".card .card-title")).ToHaveTextAsync(title);
        await Expect(page.Locator(".turn.assistant .answer").Last).ToHaveTextAsync($"I found 1 matches. Consider the {title}.");
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".card a")).ToHaveCountAsync(0);
        await Expect(page.Locator("#log b, #log script, .card-body img")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("window.__pwned === undefined"));
    }

    [Theory]
    [InlineData("phone", 375, 812)]
    [InlineData("wide", 1280, 800)]
    public async Task Layout_ConversationWithCards_HasNoHorizontalScroll(string name, int width, int height)
    {
        var page = await OpenAsync(StartHost(), width, height);

        await ConverseToProductsAsync(page);

        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const wide = [];
              if (document.documentElement.scrollWidth > width) wide.push('document ' + document.documentElement.scrollWidth);
              const transcript = document.getElementById('transcript');
              if (transcript.scrollWidth > transcript.clientWidth) wide.push('transcript ' + transcript.scrollWidth);
              for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.width > 1 && (box.right > width + 0.5 || box.left < -0.5)) wide.push(`${el.tagName}.${el.className} ${box.left}..${box.right}`);
              }
              return wide;
            }
            """);
        Assert.Empty(overflow);
        Assert.Equal(width, await page.EvaluateAsync<int>("document.documentElement.clientWidth"));

        await SaveScreenshotAsync(page, $"chat-{name}.png");
    }

    /// <summary>
    /// Written next to the test binaries, and also to the folder in <c>TALKNSHOP_SCREENSHOTS</c>
    /// when it is set (how docs/screenshots is refreshed; see the README).
    /// </summary>
    private static async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var directories = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("TALKNSHOP_SCREENSHOTS") is { Length: > 0 } docs)
        {
            directories.Add(docs);
        }

        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        Assert.InRange(png.Length, 1_000, 1_000_000);
        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(Path.Combine(directory, fileName), png);
        }
    }
}
