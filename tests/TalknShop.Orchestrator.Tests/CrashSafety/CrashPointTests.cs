using System.Text;
using System.Text.Json;
using TalknShop.Orchestrator.Dynalite;
using TalknShop.Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.CrashSafety;

/// <summary>
/// The service in its own process, killed with SIGKILL at every stage of a turn, many times, at
/// random offsets, on both durable stores. One shopper's conversation goes on across all the
/// kills; after each, a new process takes over the same store and the client reconnects and
/// resends what was never accepted. In the end every message has exactly one terminal event
/// under its own turn id, the log is gapless, the history holds each message once, and an
/// answer to a question asked before a kill is read with that question's context.
/// The matrix of kills per stage is printed (run with a detailed console logger to see it).
/// </summary>
public sealed class CrashPointTests(ITestOutputHelper output)
{
    // 6 stages × 3 = 18 kills per store. On DynamoDB a new process starts while the old one works
    // (a standby taking over), so a kill costs about one connection, not one process start; SQLite
    // allows one process per DATA_DIR (instance.lock), so there the new one starts after the kill.
    private const int KillsPerStage = 3;
    // A bound against a hang, not a speed check: 18 process starts take 2 min on an idle machine,
    // but one start took 12 s at load ~25 (16:33 on 2026-12-01), and 4 min cut the run off at
    // message 17 of 18 with no violation found.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(7);
    private static readonly string[] Products = ["laptop", "tablet", "headphones"];
    private static readonly string[] Asides = ["please", "today", "for home", "for work", "for school", "for travel", "for my sister", "for my dad", "soon", "this week"];

    [Fact]
    public async Task SigkillAtEveryStage_Sqlite_EveryMessageEndsExactlyOnce()
    {
        using var dataDir = new TempDirectory();
        await KillAtEveryStageAsync("sqlite", new Dictionary<string, string> { ["SESSION_STORE"] = "sqlite", ["DATA_DIR"] = dataDir.Path });
    }

    [Fact]
    public async Task SigkillAtEveryStage_DynamoDb_EveryMessageEndsExactlyOnce()
    {
        using var dataDir = new TempDirectory();
        using var dynalite = await Task.Run(() => DynaliteProcess.Start());
        await KillAtEveryStageAsync("dynamodb", new Dictionary<string, string>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "crash",
            ["DYNAMODB_CREATE_TABLE"] = "true",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = "us-east-1",
            // DYNAMODB_WRITE_BEHIND is left at its default (on), the gathered path: appends queued
            // without waiting, each event sent once it and all before it are stored. One writer at
            // a time here (the standby takes the socket after the kill).
            // The instance's identity (machine + DATA_DIR) stays the same across its restarts.
            ["DATA_DIR"] = dataDir.Path,
        });
    }

    internal static Dictionary<string, string> Settings(Dictionary<string, string> store)
    {
        var settings = new Dictionary<string, string>(store)
        {
            ["RATE_LIMIT_PER_USER"] = "100000",
            ["MAX_CONVERSATION_MESSAGES"] = "10000",
            // One question per search: an answer always ends with done, so a second clarification would be a repeat.
            ["MAX_CLARIFICATION_LOOPS"] = "1",
            ["SESSION_EVENT_RETENTION"] = "100000",
        };
        return settings;
    }

    private async Task KillAtEveryStageAsync(string storeName, Dictionary<string, string> store)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var settings = Settings(store);
        var log = new ShopperLog();
        var driver = new ShopperDriver(log, "sess_crash_" + storeName, random);
        var matrix = ShopperDriver.Stages.ToDictionary(s => s, _ => new Dictionary<string, int>());
        var plan = Enumerable.Range(0, KillsPerStage).SelectMany(_ => ShopperDriver.Stages.OrderBy(_ => random.Next())).ToList();

        var service = await ServiceProcess.StartAsync(settings, timeout.Token);
        Task<ServiceProcess>? standby = null;
        try
        {
            await driver.ConnectAsync(service, timeout.Token);
            SentMessage? pending = null;
            for (var i = 0; i < plan.Count; i++)
            {
                var shared = storeName != "sqlite";
                standby = shared ? ServiceProcess.StartAsync(settings, timeout.Token) : null;
                var message = NextMessage(log, plan[i], pending, i);
                var reached = await driver.SendAndKillAsync(message, plan[i], service, timeout.Token);
                matrix[plan[i]][reached] = matrix[plan[i]].GetValueOrDefault(reached) + 1;
                await service.DisposeAsync();
                service = await (standby ?? ServiceProcess.StartAsync(settings, timeout.Token));
                standby = null;

                await driver.ResolveAsync(service, timeout.Token);
                pending = message.EndType == "clarification" ? message : null;
                if (random.Next(3) == 0)
                {
                    await driver.ResendEndedAsync(message, timeout.Token);
                }
            }

            log.CheckLog(await driver.ReplayAllAsync(service, timeout.Token));
            using var http = service.CreateHttpClient();
            var session = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/sessions/sess_crash_{storeName}?user_id=shopper", UriKind.Relative), timeout.Token)).RootElement;
            log.CheckHistory(session.GetProperty("session"));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            // The service's console logger writes from a queue: give it a moment to get there.
            await Task.Delay(1000, CancellationToken.None);
            throw new InvalidOperationException($"seed {seed}; {log.Describe()}\nservice output:\n{service.Tail()}", ex);
        }
        finally
        {
            await service.DisposeAsync();
            // A standby still pending here means the loop threw before taking it over: stop it, but
            // let that first exception be the one reported, not the standby's own start failure.
            if (standby is not null)
            {
                await ((Task)standby).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (standby.IsCompletedSuccessfully)
                {
                    await standby.Result.DisposeAsync();
                }
            }
        }

        output.WriteLine(Report(storeName, seed, matrix, log));
        Assert.True(log.Violations.Count == 0, $"seed {seed}:\n{string.Join('\n', log.Violations)}");
        Assert.Equal(plan.Count, matrix.Values.Sum(m => m.Values.Sum()));
    }

    /// <summary>An answer when a question is pending, a vague request when the kill is to follow a question, otherwise a complete request.</summary>
    internal static SentMessage NextMessage(ShopperLog log, string stage, SentMessage? pending, int i)
    {
        var price = 400 + (log.Messages.Count * 7);
        if (pending is not null)
        {
            return log.Add($"under ${price}", pending.Product, vague: false);
        }

        var product = Products[i % Products.Length];
        return stage == ShopperDriver.AfterClarification
            ? log.Add($"I want {product} {Asides[log.Messages.Count % Asides.Length]} #{log.Messages.Count}", product, vague: true)
            : log.Add($"{product} under ${price}", product, vague: false);
    }

    internal static string Report(string store, int seed, Dictionary<string, Dictionary<string, int>> matrix, ShopperLog log)
    {
        var text = new StringBuilder();
        text.AppendLine($"crash matrix, {store} (seed {seed}): kills per target stage, by the last event of the turn the client had when the process died");
        foreach (var (stage, reached) in matrix)
        {
            text.AppendLine($"  {stage,-14} {reached.Values.Sum(),3} kills  ({string.Join(", ", reached.Select(r => $"{r.Key}: {r.Value}"))})");
        }

        text.AppendLine($"  messages {log.Messages.Count}, events {log.LastSeq}, turns restarted {log.Restarts}, resends answered duplicate_message {log.Duplicates}, unstored errors {log.UnstoredErrors}, violations {log.Violations.Count}");
        return text.ToString();
    }
}
