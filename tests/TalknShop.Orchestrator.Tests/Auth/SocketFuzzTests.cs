using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Auth;

/// <summary>
/// Thousands of random and mutated frames from many connections at once, seeded so a failure
/// can be replayed. Every frame must be answered (an error with a code, or a whole turn) or its
/// connection closed with a reason; afterwards the service is healthy and a bystander's
/// conversation is untouched.
/// </summary>
[Collection(SocketFuzzRunsAlone.Name)]
public sealed class SocketFuzzTests(ITestOutputHelper output)
{
    private const int Connections = 16;
    private const int FramesPerConnection = 150;

    private static readonly string[] Valid =
    [
        """{"type":"message","message":"laptop under $900"}""",
        """{"type":"ping"}""",
        """{"type":"pong"}""",
        """{"type":"resume","last_seq":0}""",
    ];

    [Fact]
    public async Task RandomAndMutatedFrames_AreAllAnsweredOrClosed_AndServiceStaysHealthy()
    {
        // The limits are raised: this test is about every frame being answered, and its clients
        // send a frame and a marker back to back as fast as they are answered (FloodTests covers
        // the frame rate), and reconnect without a session id after every close.
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["RATE_LIMIT_PER_USER"] = "100000",
            ["MAX_QUEUED_MESSAGES"] = "1000",
            ["WS_FRAMES_PER_SECOND"] = "100000",
            ["WS_FRAME_BURST"] = "100000",
            ["SESSION_CREATE_LIMIT_PER_ADDRESS"] = "100000",
            ["SESSION_CREATE_LIMIT_PER_USER"] = "100000",
        }, s => s.UseSimpleShopping());
        var (bystander, connected) = await ChatClient.OpenAsync(host, "user_id=bystander");
        await using var _ = bystander;
        await bystander.SendMessageAsync("tablet under $600");
        var before = await bystander.ReceiveUntilAsync(default, "done");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var stats = new ConcurrentDictionary<string, int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => FuzzConnectionAsync(host, seed: 1000 + i, stats, deadline.Token)));

        foreach (var (key, count) in stats.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key,-28} {count}");
        }

        Assert.Equal(0, stats.GetValueOrDefault("unanswered"));
        var metrics = host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>().Snapshot();
        foreach (var (reason, count) in metrics.ConnectionsClosedByReason)
        {
            output.WriteLine($"server closed {reason,-21} {count}");
        }

        Assert.Equal(stats.GetValueOrDefault("closed_abruptly"), stats.GetValueOrDefault("closed_abruptly_after_invalid_utf8"));
        // Invalid UTF-8 makes the framework's socket send 1007 and abort at once, so the client
        // may see a reset instead of the close frame; the server still records why it closed.
        Assert.True(metrics.ConnectionsClosedByReason.GetValueOrDefault("peer_lost") >= stats.GetValueOrDefault("closed_abruptly"),
            "every connection the client saw reset must have been closed by the server for a recorded reason");
        Assert.True(stats.GetValueOrDefault("frames_sent") >= Connections * FramesPerConnection);

        using var http = host.CreateHttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        Assert.Equal("healthy", health.GetProperty("status").GetString());

        await bystander.SendMessageAsync("tablet under $600");
        var after = await bystander.ReceiveUntilAsync(default, "done");
        Assert.Equal(before[^1].Seq() + 1, after[0].Seq());
        Assert.Equal(
            Assert.Single(before, f => f.Type() == "results").Data().GetProperty("products").GetRawText(),
            Assert.Single(after, f => f.Type() == "results").Data().GetProperty("products").GetRawText());

        await ProtocolAssert.EventuallyAsync(() => host.Get<Orchestrator.Chat.ConnectionRegistry>().Count == 1, TimeSpan.FromSeconds(20));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"managed heap before {heapBefore / 1024} KiB, after {heapAfter / 1024} KiB");
        Assert.True(heapAfter < heapBefore + 64L * 1024 * 1024, $"heap grew from {heapBefore} to {heapAfter}");
    }

    private static async Task FuzzConnectionAsync(OrchestratorHost host, int seed, ConcurrentDictionary<string, int> stats, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        ChatClient? client = null;
        try
        {
            for (var i = 0; i < FramesPerConnection; i++)
            {
                client ??= await OpenAsync(host, seed, stats, cancellationToken);
                var (kind, bytes, expectsTurn) = NextFrame(random);
                stats.AddOrUpdate("frames_sent", 1, (_, n) => n + 1);
                stats.AddOrUpdate("kind_" + kind, 1, (_, n) => n + 1);
                try
                {
                    await client.SendBytesAsync(bytes, WebSocketMessageType.Text, cancellationToken);
                }
                catch (WebSocketException)
                {
                    stats.AddOrUpdate("closed_while_sending", 1, (_, n) => n + 1);
                    await client.DisposeAsync();
                    client = null;
                    continue;
                }

                var outcome = await AwaitAnswerAsync(client, kind, expectsTurn, cancellationToken);
                stats.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (outcome.StartsWith("unanswered", StringComparison.Ordinal))
                {
                    stats.AddOrUpdate("unanswered", 1, (_, n) => n + 1);
                }

                if (outcome is "unanswered" or "closed_abruptly")
                {
                    stats.AddOrUpdate(outcome + "_after_" + kind, 1, (_, n) => n + 1);
                }

                if (outcome.StartsWith("closed", StringComparison.Ordinal))
                {
                    await client.DisposeAsync();
                    client = null;
                }
            }
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<ChatClient> OpenAsync(OrchestratorHost host, int seed, ConcurrentDictionary<string, int> stats, CancellationToken cancellationToken)
    {
        stats.AddOrUpdate("connections", 1, (_, n) => n + 1);
        var (client, _) = await ChatClient.OpenAsync(host, $"user_id=fuzz_{seed}", cancellationToken);
        return client;
    }

    /// <summary>
    /// Sends a ping behind the frame and reads up to its pong: the frame was answered if an error
    /// or a turn came back before it, or if it is a frame that needs no answer (pong, resume,
    /// cancel with nothing running is answered with an error). A turn that started is read to
    /// its end. The close of the socket, with its status, also counts as an answer.
    /// </summary>
    private static async Task<string> AwaitAnswerAsync(ChatClient client, string kind, bool expectsTurn, CancellationToken cancellationToken)
    {
        // The marker is a frame of an unknown type; its error echoes the type in `details`, so
        // its answer is recognisable even when the fuzzed frame was itself a ping.
        var marker = "sync_" + Guid.NewGuid().ToString("N")[..8];
        // After invalid UTF-8 the server fails the connection (RFC 6455: close 1007) without
        // reading further; a ping sent behind it would sit unread and turn the close into a reset.
        if (kind != "invalid_utf8")
        {
            try
            {
                await client.SendJsonAsync(new { type = marker }, cancellationToken);
            }
            catch (WebSocketException)
            {
                // The server closed after this frame; read the close below.
            }
        }

        try
        {
            string? error = null;
            string? terminal = null;
            var turnStarted = false;
            var pong = false;
            var seen = new List<string>();
            var answeredPing = false;
            // A cancel that races the end of a turn is answered by that turn (done: cancelled, or
            // no_active_turn once it has ended), which can come after the marker's reply.
            while (!pong || ((turnStarted || expectsTurn) && terminal is null) || (kind == "cancel" && error is null && terminal is null))
            {
                if (await client.TryReceiveAsync(TimeSpan.FromSeconds(15), cancellationToken) is not { } frame)
                {
                    return "closed_with_" + (client.CloseStatus?.ToString() ?? "no_status");
                }

                seen.Add(frame.Type() + (frame.Type() == "error" ? ":" + frame.Code() : ""));
                if (frame.Type() == "pong")
                {
                    answeredPing = true;
                }
                if (frame.Type() == "error" && frame.Data().GetProperty("details").GetString() == marker)
                {
                    pong = true;
                    continue;
                }

                switch (frame.Type())
                {
                    case "thinking":
                        turnStarted = true;
                        break;
                    case "done" or "clarification":
                        terminal = frame.Type();
                        break;
                    case "error":
                        error ??= frame.Code();
                        if (!frame.Data().GetProperty("recoverable").GetBoolean())
                        {
                            terminal = "error";
                        }

                        break;
                }
            }

            return error is not null ? "error_" + error
                : terminal is not null ? "turn_" + terminal
                : answeredPing ? "pong"
                : kind is "pong" or "resume" || kind is "broken_json" ? "answered_" + kind
                : "unanswered|" + kind + "|" + string.Join(",", seen);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            return "unanswered" + "|" + ex.GetType().Name + ":" + ex.Message[..Math.Min(60, ex.Message.Length)];
        }
        catch (WebSocketException)
        {
            return "closed_abruptly";
        }
    }

    private static (string Kind, byte[] Bytes, bool ExpectsTurn) NextFrame(Random random)
    {
        switch (random.Next(12))
        {
            case 0:
                var valid = Valid[random.Next(Valid.Length)];
                var kind = JsonDocument.Parse(valid).RootElement.GetProperty("type").GetString()!;
                return (kind, Encoding.UTF8.GetBytes(valid), kind == "message");
            case 1:
                var mutated = Mutate(random, Valid[random.Next(Valid.Length)]);
                return ("broken_json", Encoding.UTF8.GetBytes(mutated), StillAMessage(mutated));
            case 2:
                return ("huge_string", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"message\":\"" + new string('x', random.Next(5_001, 60_000)) + "\"}"), false);
            case 3:
                var depth = random.Next(17, 200);
                return ("deep_nesting", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"message\":" + new string('[', depth) + new string(']', depth) + "}"), false);
            case 4:
                string[] wrong = ["{\"type\":[1]}", "{\"type\":\"message\",\"message\":{\"a\":1}}", "{\"type\":\"resume\",\"last_seq\":1.5}", "{\"type\":\"message\",\"message\":\"hi\",\"media\":{}}", "{\"type\":\"message\",\"message\":\"hi\",\"client_message_id\":[]}", "true", "null", "12"];
                return ("wrong_types", Encoding.UTF8.GetBytes(wrong[random.Next(wrong.Length)]), false);
            case 5:
                var garbage = new byte[random.Next(1, 64)];
                random.NextBytes(garbage);
                garbage[0] = 0xC3;
                garbage[^1] = 0xFF;
                return ("invalid_utf8", garbage, false);
            case 6:
                return ("control_chars", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"message\":\"\\u0000\\u0007\\u001b[31m laptop \\ud83d\\ude00\"}"), true);
            case 7:
                return ("unknown_type", Encoding.UTF8.GetBytes($"{{\"type\":\"x{random.Next()}\"}}"), false);
            case 8:
                return ("oversized_frame", Encoding.UTF8.GetBytes(new string(' ', 70 * 1024) + "{}"), false);
            case 9:
                return ("empty", [], false);
            case 10:
                return ("media_bad", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"message\":\"\",\"media\":[{\"media_type\":\"image\",\"s3_key\":\"\"}]}"), false);
            default:
                return ("cancel", Encoding.UTF8.GetBytes("{\"type\":\"cancel\"}"), false);
        }
    }

    /// <summary>A mutation can leave a valid user message behind; that one starts a turn.</summary>
    private static bool StillAMessage(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "message" or "answer"
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(message.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Mutate(Random random, string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < 1 + random.Next(3); i++)
        {
            const string noise = "{}[]\":,\\x\u0001";
            chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
        }

        return new string(chars);
    }
}

/// <summary>The fuzz test runs alone, after the parallel tests, so its heap measurement is its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SocketFuzzRunsAlone
{
    public const string Name = "socket fuzz";
}
