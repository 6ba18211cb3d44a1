using System.Diagnostics;
using System.Text.Json;
using TalknShop.Orchestrator.Dynalite;
using TalknShop.Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.CrashSafety;

/// <summary>
/// The store fails under a running service at a stage of a turn: dynalite killed (an outage),
/// or the SQLite disk filled (a small tmpfs). The shopper hears <c>store_unavailable</c> at once,
/// <c>/health</c> says so, and once the store is back a resend of the same message ends it
/// exactly once (under its own turn id when it had been accepted); no old failure reaches a later turn.
/// </summary>
public sealed class StoreFailureTests(ITestOutputHelper output)
{
    private const int Strikes = 6;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private static readonly string[] StrikeStages = [ShopperDriver.AfterAccept, ShopperDriver.AfterThinking, ShopperDriver.DuringTokens, ShopperDriver.AfterResults];

    [Fact]
    public async Task DynaliteKilledMidTurn_ShopperToldStoreUnavailable_ResendEndsItOnce()
    {
        using var dataDir = new TempDirectory();
        using var dynaliteDir = new TempDirectory();
        var dynalite = await Task.Run(() => DynaliteProcess.Start(dynaliteDir.Path));
        var port = dynalite.Port;
        try
        {
            await StrikeAsync("dynamodb-outage", new Dictionary<string, string>
            {
                ["SESSION_STORE"] = "dynamodb",
                ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
                ["DYNAMODB_TABLE_NAME"] = "outage",
                ["DYNAMODB_CREATE_TABLE"] = "true",
                ["DATA_DIR"] = dataDir.Path,
            },
            breakStore: () => dynalite.Dispose(),
            restoreStore: () => dynalite = DynaliteProcess.Start(dynaliteDir.Path, port),
            brokenHealth: "unhealthy",
            prepare: _ => { });
        }
        finally
        {
            dynalite.Dispose();
        }
    }

    [Fact]
    public async Task DiskFullMidTurn_ShopperToldStoreUnavailable_HealthDegraded_NoOldErrorLater()
    {
        // A 24 MB tmpfs as DATA_DIR: the tests run as root (here and in CI); mounting is the
        // one way to get a disk that really fills up.
        using var mount = new TempDirectory();
        Run("mount", $"-t tmpfs -o size=24m tmpfs {mount.Path}");
        var filler = Path.Combine(mount.Path, "filler");
        var rest = Path.Combine(mount.Path, "rest");
        try
        {
            // Filling megabytes takes longer than a whole offline turn, so before each message
            // the disk is filled up to a random few kilobytes (the turn may run out of room by
            // itself, at any of its writes) and the strike fills only those.
            await StrikeAsync("sqlite-disk-full", new Dictionary<string, string> { ["SESSION_STORE"] = "sqlite", ["DATA_DIR"] = Path.Combine(mount.Path, "data") },
                breakStore: () => Fill(rest),
                restoreStore: () =>
                {
                    File.Delete(filler);
                    File.Delete(rest);
                },
                brokenHealth: "degraded",
                prepare: random =>
                {
                    Fill(filler);
                    using var file = new FileStream(filler, FileMode.Open, FileAccess.Write);
                    file.SetLength(file.Length - random.Next(4, 96) * 1024);
                });
        }
        finally
        {
            Run("umount", $"-l {mount.Path}");
        }
    }

    private async Task StrikeAsync(string name, Dictionary<string, string> store, Action breakStore, Action restoreStore, string brokenHealth, Action<Random> prepare)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var log = new ShopperLog();
        var driver = new ShopperDriver(log, "sess_" + name, random);
        var outcomes = new Dictionary<string, int>();
        var healthWhileBroken = new List<string>();
        await using var service = await ServiceProcess.StartAsync(CrashPointTests.Settings(store), timeout.Token);
        using var http = service.CreateHttpClient();
        try
        {
            await driver.ConnectAsync(service, timeout.Token);
            await driver.RetryUnendedAsync(timeout.Token);
            for (var i = 0; i < Strikes; i++)
            {
                var stage = StrikeStages[i % StrikeStages.Length];
                var message = CrashPointTests.NextMessage(log, stage, pending: null, i);
                prepare(random);
                var reached = await driver.SendAndBreakStoreAsync(message, stage, breakStore, timeout.Token);
                outcomes[$"{stage}: {reached}"] = outcomes.GetValueOrDefault($"{stage}: {reached}") + 1;
                healthWhileBroken.Add(await HealthAsync(http, timeout.Token));

                restoreStore();
                await driver.RetryUnendedAsync(timeout.Token);
                var health = await HealthBodyAsync(http, timeout.Token);
                if (Status(health) != "healthy")
                {
                    // /health reports the latest write. A resend may have been answered
                    // duplicate_message without writing anything (its turn had ended by replay),
                    // so the first write after the outage is one more turn: it must clear /health.
                    var next = CrashPointTests.NextMessage(log, ShopperDriver.AfterDone, pending: null, i);
                    await driver.SendAndBreakStoreAsync(next, ShopperDriver.AfterDone, () => { }, timeout.Token);
                    await driver.RetryUnendedAsync(timeout.Token);
                    health = await HealthBodyAsync(http, timeout.Token);
                }

                Assert.True(Status(health) == "healthy", $"seed {seed}, strike {i} at {stage} ({reached}): after the store came back and the unended turns were resent, /health said {health}");
            }

            log.CheckLog(await driver.ReplayAllAsync(service, timeout.Token));
            var session = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/sessions/sess_{name}?user_id=shopper", UriKind.Relative), timeout.Token)).RootElement;
            log.CheckHistory(session.GetProperty("session"));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            await Task.Delay(1000, CancellationToken.None);
            throw new InvalidOperationException($"seed {seed}; {log.Describe()}\nservice output:\n{service.Tail()}", ex);
        }

        output.WriteLine($"{name} (seed {seed}): {Strikes} store failures at a stage of a turn, by what the client had seen when it failed:");
        foreach (var (outcome, count) in outcomes)
        {
            output.WriteLine($"  {outcome,-40} {count}");
        }

        output.WriteLine($"  /health while broken: {string.Join(", ", healthWhileBroken)}; turns restarted {log.Restarts}; store_unavailable told {log.UnstoredErrors}; violations {log.Violations.Count}");
        Assert.True(log.Violations.Count == 0, $"seed {seed}:\n{string.Join('\n', log.Violations)}");
        Assert.All(healthWhileBroken, h => Assert.Equal(brokenHealth, h));
        Assert.True(log.UnstoredErrors > 0, "the store never failed a turn: the test broke nothing");
    }

    private static async Task<string> HealthAsync(HttpClient http, CancellationToken cancellationToken) =>
        Status(await HealthBodyAsync(http, cancellationToken));

    private static async Task<string> HealthBodyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static string Status(string health) =>
        JsonDocument.Parse(health).RootElement.GetProperty("checks").GetProperty("session_store").GetProperty("status").GetString()!;

    /// <summary>Writes zeros until the file system refuses.</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[1024 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full. Fill the last partial megabyte too.
            for (var size = chunk.Length / 2; size >= 512; size /= 2)
            {
                try
                {
                    file.Write(chunk.AsSpan(0, size));
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static void Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{command} did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command} {arguments}` failed ({process.ExitCode}): {error}. This test mounts a small tmpfs and must run as root (as CI does).");
        }
    }
}
