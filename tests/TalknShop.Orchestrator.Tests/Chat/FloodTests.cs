using System.Net.WebSockets;
using System.Text;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

/// <summary>Bursts and amplification: every refused frame is answered with a code, and a flood ends with a close frame, never a bare drop (1006).</summary>
public sealed class FloodTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("{\"type\":\"ping\"}", 5000)]
    [InlineData("{\"type\":\"message\",\"message\":\"laptop under $900\"}", 1000)]
    public async Task Burst_IsLimitedWithCodedErrors_ThenClosedWithACloseFrame(string frame, int count)
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host, "user_id=flooder");
        await using var __ = client;
        var bytes = Encoding.UTF8.GetBytes(frame);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Sent without reading, as a flood does; the server stops reading once it has closed.
        var sent = 0;
        try
        {
            for (; sent < count; sent++)
            {
                await client.Socket.SendAsync(bytes, WebSocketMessageType.Text, true, timeout.Token);
            }
        }
        catch (WebSocketException)
        {
        }

        var frames = await client.ReceiveUntilClosedAsync(timeout.Token);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("rate_limited", client.CloseDescription);
        var limited = frames.Where(f => f.Type() == "error" && f.Code() == "rate_limited").ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, f => Assert.StartsWith("retry_after=", f.Data().GetProperty("details").GetString(), StringComparison.Ordinal));
        output.WriteLine($"{count} frames of {bytes.Length} B, {sent} sent: {frames.Count} frames back ({Encoding.UTF8.GetByteCount(string.Concat(frames.Select(f => f.GetRawText())))} B), " +
            $"{limited.Count} rate_limited, close {(int?)client.CloseStatus} {client.CloseDescription}");
        Assert.True(frames.Count < 400, $"{frames.Count} frames answered a flood of {count}");
        await ProtocolAssert.EventuallyAsync(() => host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>().ActiveConnections == 0);
        Assert.Equal(1, host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>().Snapshot().ConnectionsClosedByReason.GetValueOrDefault("rate_limited"));

        // The turns the burst started ran and are in the log: a reconnect replays them whole.
        if (frame.Contains("message", StringComparison.Ordinal))
        {
            var sessionId = frames.First(f => f.TryGetProperty("session_id", out _)).GetProperty("session_id").GetString();
            var (again, connected) = await ChatClient.OpenAsync(host, $"user_id=flooder&session_id={sessionId}&last_seq=0");
            await using var ___ = again;
            Assert.True(connected.Data().GetProperty("last_seq").GetInt64() > 0);
        }
    }

    [Fact]
    public async Task HundredResumes_AtTheDefaults_AreBoundedAndEndWithACloseFrame()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;
        long stored = 0;
        for (var i = 0; i < 3; i++)
        {
            await client.SendMessageAsync($"laptop under ${900 + i}");
            stored = (await client.ReceiveUntilAsync(default, "done"))[^1].Seq()!.Value;
        }

        var resume = Encoding.UTF8.GetBytes("{\"type\":\"resume\",\"last_seq\":0}");
        for (var i = 0; i < 100; i++)
        {
            await client.Socket.SendAsync(resume, WebSocketMessageType.Text, true, default);
        }

        var frames = await client.ReceiveUntilClosedAsync();
        var bytesBack = Encoding.UTF8.GetByteCount(string.Concat(frames.Select(f => f.GetRawText())));
        output.WriteLine($"100 resume frames ({100 * resume.Length} B): {frames.Count} frames back ({bytesBack} B), " +
            $"{frames.Count(f => f.Seq() is not null)} replayed events (log of {stored}), {frames.Count(f => f.Type() == "error" && f.Code() == "rate_limited")} rate_limited, close {(int?)client.CloseStatus} {client.CloseDescription}");
        Assert.Equal(6 * stored, frames.Count(f => f.Seq() is not null));
        Assert.Equal("rate_limited", client.CloseDescription);
    }

    [Fact]
    public async Task SteadyTraffic_UnderTheRate_IsNeverLimited()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["WS_FRAMES_PER_SECOND"] = "20", ["WS_FRAME_BURST"] = "40" }, s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        for (var i = 0; i < 40; i++)
        {
            await client.SendJsonAsync(new { type = "ping" });
            Assert.Equal("pong", (await client.ReceiveAsync()).Type());
        }
    }

    [Fact]
    public async Task Resume_IsRateLimited_SoAFloodOfResumesCannotAmplify()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["WS_RESUMES_PER_MINUTE"] = "3" }, s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;
        await client.SendMessageAsync("laptop under $900");
        var turn = await client.ReceiveUntilAsync(default, "done");

        const int resumes = 30;
        for (var i = 0; i < resumes; i++)
        {
            await client.SendJsonAsync(new { type = "resume", last_seq = 0 });
        }

        await client.SendJsonAsync(new { type = "disconnect" });
        var frames = await client.ReceiveUntilClosedAsync();

        var replayed = frames.Count(f => f.Seq() is not null);
        var limited = frames.Count(f => f.Type() == "error" && f.Code() == "rate_limited");
        output.WriteLine($"{resumes} resume frames: {replayed} events replayed ({3} replays of {turn.Count}), {limited} rate_limited");
        Assert.Equal(3 * turn.Count, replayed);
        Assert.Equal(resumes - 3, limited);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }
}
