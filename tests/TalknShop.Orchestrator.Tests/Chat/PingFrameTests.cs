using System.Text;
using TalknShop.Orchestrator.Chat;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Tests.Chat;

public sealed class PingFrameTests
{
    public static TheoryData<string, DateTimeOffset> Beats => new()
    {
        { "sess_1", new DateTimeOffset(2026, 11, 25, 10, 0, 0, 123, TimeSpan.FromHours(2)) },
        { "sess_0a1b2c3d4e5f", new DateTimeOffset(2031, 1, 9, 23, 59, 59, 999, TimeSpan.Zero) },
        // A session id that looks like the placeholder stamp must not be rewritten.
        { "2000-01-01T00:00:00.000Z", new DateTimeOffset(2026, 12, 1, 0, 0, 0, 7, TimeSpan.FromHours(-5)) },
    };

    [Theory]
    [MemberData(nameof(Beats))]
    public void TryStamp_AnyTime_SameBytesAsSerializingTheEvent(string sessionId, DateTimeOffset now)
    {
        var ping = new PingFrame(sessionId);
        Assert.True(ping.TryStamp(now.AddDays(-3), out _));
        ping.Sent();

        Assert.True(ping.TryStamp(now, out var frame));

        Assert.Equal(Encoding.UTF8.GetString(EventFrames.Create(new PingData(now), now, sessionId)), Encoding.UTF8.GetString(frame.Span));
    }

    [Fact]
    public void TryStamp_PreviousBeatStillQueued_SkippedUntilSent()
    {
        var ping = new PingFrame("sess_1");
        var first = DateTimeOffset.UnixEpoch.AddYears(60);
        Assert.True(ping.TryStamp(first, out var queued));

        Assert.False(ping.TryStamp(first.AddSeconds(30), out _));
        Assert.Contains("2030-01-01T00:00:00.000Z", Encoding.UTF8.GetString(queued.Span), StringComparison.Ordinal);

        ping.Sent();
        Assert.True(ping.TryStamp(first.AddSeconds(60), out _));
    }

    [Fact]
    public void TryStamp_SteadyBeats_AllocateNothing()
    {
        var ping = new PingFrame("sess_1");
        var now = DateTimeOffset.UtcNow;
        Assert.True(ping.TryStamp(now, out _));
        ping.Sent();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= 100; i++)
        {
            Assert.True(ping.TryStamp(now.AddSeconds(30 * i), out var frame));
            Assert.True(ping.Is(frame));
            ping.Sent();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
