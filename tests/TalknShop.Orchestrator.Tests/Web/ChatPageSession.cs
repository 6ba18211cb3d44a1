using System.Collections.Concurrent;
using Microsoft.Playwright;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TalknShop.Orchestrator.Tests.Web;

/// <summary>One browser for every chat page test class; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}

/// <summary>
/// Base of the chat page tests: starts real services with the deterministic assistant, opens
/// pages on them, and fails the test on any script error in a page.
/// </summary>
public abstract class ChatPageSession(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _scriptErrors = new();
    private readonly List<IPage> _pages = [];
    private readonly List<OrchestratorHost> _hosts = [];

    internal static TestDoubles.FixedProductSource Catalog() => new(
        TestDoubles.Product("B0LAP1", "Dell Inspiron 15", 649m) with { Rating = 4.4, ReviewCount = 1234 },
        TestDoubles.Product("B0LAP2", "Lenovo IdeaPad 5", 799m, brand: "Lenovo") with { Rating = 4.6, ReviewCount = 312 },
        TestDoubles.Product("B0TAB1", "Samsung Galaxy Tab S9", 499m, type: "tablet", brand: "Samsung") with { Rating = 4.7, ReviewCount = 1 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.CloseAsync();
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        Assert.Empty(_scriptErrors);
    }

    internal OrchestratorHost StartHost(IProductSource? source = null, IDictionary<string, string?>? settings = null)
    {
        var host = new OrchestratorHost(settings, s => s.UseSimpleShopping(source ?? Catalog()));
        _hosts.Add(host);
        return host;
    }

    /// <summary>A new tab on <paramref name="host"/>'s page, connected, with the message box focused.</summary>
    internal async Task<IPage> OpenAsync(OrchestratorHost host, int width = 1280, int height = 800, Action<IPage>? beforeLoad = null)
    {
        var page = await chromium.NewPageAsync(width, height);
        _pages.Add(page);
        beforeLoad?.Invoke(page);
        page.PageError += (_, error) => _scriptErrors.Enqueue(error);
        await page.GotoAsync(host.BaseUri.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByLabel("Message")).ToBeFocusedAsync();
        return page;
    }

    internal static async Task SendAsync(IPage page, string text)
    {
        var input = page.GetByLabel("Message");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(input).ToHaveValueAsync("");
        await Expect(page.Locator(".turn.user").Last).ToHaveTextAsync(text);
    }

    /// <summary>"I want a laptop" → the budget question → click "Under $1000" → product cards.</summary>
    internal static async Task ConverseToProductsAsync(IPage page)
    {
        await SendAsync(page, "I want a laptop");
        var question = page.Locator(".clarification").Last;
        await Expect(question.Locator(".question")).ToHaveTextAsync("What's your budget?");
        await Expect(question.GetByRole(AriaRole.Button)).ToHaveTextAsync(["Under $500", "Under $1000"]);
        await question.GetByRole(AriaRole.Button, new() { Name = "Under $1000" }).ClickAsync();
        await Expect(page.Locator(".turn.user").Last).ToHaveTextAsync("Under $1000");
        await Expect(page.Locator(".card").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Message")).ToBeFocusedAsync();
        await Expect(page.Locator(".turn.assistant[aria-busy]")).ToHaveCountAsync(0);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(ChromiumFixture.Timeout);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
