using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.CrashSafety;

/// <summary>
/// Plays a shopper's client against a service process that gets killed: sends messages, kills
/// the process when the chosen stage of a turn arrives (after a random few hundred microseconds
/// to a few milliseconds), reconnects with <c>last_seq</c> and resends what was never accepted
/// (no <c>thinking</c> for its <c>client_message_id</c>), as the web page does.
/// </summary>
internal sealed class ShopperDriver(ShopperLog log, string sessionId, Random random)
{
    public const string AfterAccept = "accept";
    public const string AfterThinking = "thinking";
    public const string DuringTokens = "token";
    public const string AfterResults = "results";
    public const string AfterClarification = "clarification";
    public const string AfterDone = "done";

    public static readonly string[] Stages = [AfterAccept, AfterThinking, DuringTokens, AfterResults, AfterClarification, AfterDone];

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(30);
    private ChatClient? _client;

    private string Query => $"user_id=shopper&session_id={sessionId}&last_seq={log.LastSeq}";

    /// <summary>Connects and reads the replay up to the session's last seq.</summary>
    public async Task ConnectAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _client = await ChatClient.ConnectAsync(service.ChatUri(Query), cancellationToken: cancellationToken);
        var connected = await _client.ReceiveAsync(cancellationToken: cancellationToken);
        Assert.Equal("connected", connected.Type());
        var last = connected.Data().GetProperty("last_seq").GetInt64();
        while (log.LastSeq < last)
        {
            Observe(await ReceiveAsync(cancellationToken));
        }
    }

    /// <summary>Sends <paramref name="message"/> and SIGKILLs the service at <paramref name="stage"/>; returns the last event type of the turn seen by then.</summary>
    public async Task<string> SendAndKillAsync(SentMessage message, string stage, ServiceProcess service, CancellationToken cancellationToken)
    {
        var reached = await SendAndStrikeAsync(message, stage, service.Kill, cancellationToken);
        await DrainAsync(cancellationToken);
        return reached;
    }

    /// <summary>
    /// Sends <paramref name="message"/>, breaks the store at <paramref name="stage"/> (the service
    /// lives on) and reads until the message ended or the service said <c>store_unavailable</c>.
    /// </summary>
    public async Task<string> SendAndBreakStoreAsync(SentMessage message, string stage, Action breakStore, CancellationToken cancellationToken)
    {
        var failures = log.UnstoredErrors;
        var reached = await SendAndStrikeAsync(message, stage, breakStore, cancellationToken);
        while (!message.Ended && log.UnstoredErrors == failures)
        {
            Observe(await ReceiveAsync(cancellationToken));
        }

        return message.Ended ? reached : reached + "→store_unavailable";
    }

    /// <summary>On the same connection: sends every message that has not ended again, and reads until all have.</summary>
    public async Task RetryUnendedAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        var resent = log.Messages.Where(m => !m.Ended).Select(m => (Message: m, m.Answers)).ToList();
        foreach (var (message, _) in resent)
        {
            await _client!.SendMessageAsync(message.Text, message.Id, cancellationToken: timeout.Token);
        }

        // Until every message has ended and every resend has its answer: a message can end by
        // replay (its terminal event was committed, the append after it failed, and the log is
        // repaired when read) before the service has answered the resend itself, and only that
        // answer is the service writing again after the outage.
        while (log.Messages.Any(m => !m.Ended) || resent.Any(r => r.Message.Answers == r.Answers))
        {
            Observe(await ReceiveAsync(timeout.Token));
        }
    }

    private async Task<string> SendAndStrikeAsync(SentMessage message, string stage, Action strike, CancellationToken cancellationToken)
    {
        var client = _client!;
        await client.SendMessageAsync(message.Text, message.Id, cancellationToken: cancellationToken);
        var reached = "sent";
        if (stage == AfterAccept)
        {
            Pause();
            strike();
        }
        else
        {
            var tokensBeforeKill = random.Next(1, 4);
            while (true)
            {
                var frame = await ReceiveAsync(cancellationToken);
                Observe(frame);
                if (frame.Seq() is null && frame.Type() == "error" && frame.Code() == "store_unavailable")
                {
                    // The store failed before the stage (a nearly full disk): that is the strike.
                    reached = "error store_unavailable";
                    strike();
                    break;
                }

                if (message.TurnId is null || !frame.TryGetProperty("turn_id", out var turn) || turn.GetString() != message.TurnId)
                {
                    continue;
                }

                reached = frame.Type() == "error" ? "error " + frame.Code() : frame.Type();
                var hit = reached == stage && (stage != DuringTokens || --tokensBeforeKill == 0);
                if (hit || frame.Type() is "done" or "clarification" or "error")
                {
                    Pause();
                    strike();
                    break;
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// On a (new) process: reconnects, resends every message never accepted (and, now and then,
    /// one accepted but not ended: the service must know it), and reads until every message ended.
    /// </summary>
    public async Task ResolveAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        await ConnectAsync(service, timeout.Token);
        foreach (var message in log.Messages.Where(m => !m.Accepted || (!m.Ended && random.Next(2) == 0)))
        {
            await _client!.SendMessageAsync(message.Text, message.Id, cancellationToken: timeout.Token);
        }

        while (log.Messages.Any(m => !m.Ended))
        {
            Observe(await ReceiveAsync(timeout.Token));
        }
    }

    /// <summary>Sends a message that has ended once more: the answer must be <c>duplicate_message</c>, and no new turn.</summary>
    public async Task ResendEndedAsync(SentMessage message, CancellationToken cancellationToken)
    {
        var duplicates = log.Duplicates;
        await _client!.SendMessageAsync(message.Text, message.Id, cancellationToken: cancellationToken);
        while (log.Duplicates == duplicates)
        {
            var frame = await ReceiveAsync(cancellationToken);
            Observe(frame);
            if (frame.Type() == "thinking")
            {
                log.Violations.Add($"the resend of ended {message.Id} started a turn");
            }
        }
    }

    /// <summary>Reads the whole log from seq 0 on a fresh connection.</summary>
    public Task<List<JsonElement>> ReplayAllAsync(ServiceProcess service, CancellationToken cancellationToken) =>
        ReplayAllAsync(service.ChatUri($"user_id=shopper&session_id={sessionId}&last_seq=0"), cancellationToken);

    /// <summary>Reads the whole log a connection to <paramref name="chatUri"/> (with <c>last_seq=0</c>) replays.</summary>
    public static async Task<List<JsonElement>> ReplayAllAsync(Uri chatUri, CancellationToken cancellationToken)
    {
        await using var replay = await ChatClient.ConnectAsync(chatUri, cancellationToken: cancellationToken);
        var connected = await replay.ReceiveAsync(cancellationToken: cancellationToken);
        var last = connected.Data().GetProperty("last_seq").GetInt64();
        var frames = new List<JsonElement>();
        while (frames.Count == 0 || frames[^1].Seq() < last)
        {
            var frame = await replay.ReceiveAsync(cancellationToken: cancellationToken);
            if (frame.Seq() is not null)
            {
                frames.Add(frame);
            }
        }

        return frames;
    }

    private void Observe(JsonElement frame)
    {
        log.Observe(frame);
        if (frame.Type() == "results" && log.ByTurn(frame.GetProperty("turn_id").GetString()) is { } message)
        {
            var product = frame.Data().GetProperty("requirement_spec").GetProperty("product_type").GetString();
            if (product != message.Product)
            {
                log.Violations.Add($"{message.Id} \"{message.Text}\" searched for {product}, not {message.Product}");
            }
        }
    }

    private async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await _client!.ReceiveAsync(cancellationToken: cancellationToken);
            if (frame.Type() is not ("ping" or "pong"))
            {
                return frame;
            }
        }
    }

    /// <summary>Reads whatever the dead process's socket still delivers.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _client!.TryReceiveAsync(TimeSpan.FromSeconds(5), cancellationToken) is { } frame)
            {
                if (frame.Type() is not ("ping" or "pong"))
                {
                    Observe(frame);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // The connection died with the process.
        }
    }

    /// <summary>A random offset of 0 to ~3 ms after the stage arrived, spun rather than slept (a sleep is at least a timer tick).</summary>
    private void Pause()
    {
        var ticks = (long)(random.NextDouble() * 3 * Stopwatch.Frequency / 1000);
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < ticks)
        {
            Thread.SpinWait(20);
        }
    }
}
