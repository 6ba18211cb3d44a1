using Microsoft.Playwright;

namespace TalknShop.Orchestrator.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright, started once per test class with a fresh temporary
/// profile (<c>--user-data-dir</c>) that is deleted afterwards. Each test opens its own page on
/// its own service, and every service listens on a new port, so pages never share localStorage.
/// Playwright's own browser download cannot work here, so the system browser is required: when
/// it is missing the tests fail with the command that installs it; they never skip.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private string? _profile;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}, and the browser tests need it. Run ./test.sh (it installs it) " +
                "or, as root: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium");
        }

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _profile = Directory.CreateTempSubdirectory("talknshop-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            Locale = "en-US",
            ColorScheme = ColorScheme.Light,
            // Starting a browser is the slowest step by far on a busy two-core machine.
            Timeout = (float)(2 * Timeout.TotalMilliseconds),
        });
        _context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
    }

    /// <summary>A new tab of the given size; the caller closes it.</summary>
    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var page = await _context!.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be flushing its last files; it is a temp folder either way.
            }
        }
    }
}
