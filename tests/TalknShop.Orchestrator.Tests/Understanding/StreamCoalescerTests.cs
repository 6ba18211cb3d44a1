using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class StreamCoalescerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CoalesceAsync_FirstPieceAtOnce_LaterOnesJoinedPerWindow_NothingLost()
    {
        var time = new FakeTimeProvider();
        var model = Channel.CreateUnbounded<string>();
        await using var pieces = StreamCoalescer.CoalesceAsync(model.Reader.ReadAllAsync(), Window, 400, time, default).GetAsyncEnumerator();

        await model.Writer.WriteAsync("Here ");
        Assert.True(await pieces.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal("Here ", pieces.Current);

        // Written before they are read, so the read takes them all; then the window holds them.
        await model.Writer.WriteAsync("are ");
        await model.Writer.WriteAsync("three ");
        await model.Writer.WriteAsync("picks. ");
        var next = pieces.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted, "held back until the window closes");
        time.Advance(Window);
        Assert.True(await next.WaitAsync(Bound));
        Assert.Equal("are three picks. ", pieces.Current);

        await model.Writer.WriteAsync("Done.");
        model.Writer.Complete();
        Assert.True(await pieces.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal("Done.", pieces.Current);
        Assert.False(await pieces.MoveNextAsync().AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task CoalesceAsync_SizeReached_SentBeforeTheWindowCloses()
    {
        var time = new FakeTimeProvider();
        var model = Channel.CreateUnbounded<string>();
        await using var pieces = StreamCoalescer.CoalesceAsync(model.Reader.ReadAllAsync(), Window, 10, time, default).GetAsyncEnumerator();
        await model.Writer.WriteAsync("a");
        Assert.True(await pieces.MoveNextAsync().AsTask().WaitAsync(Bound));

        await model.Writer.WriteAsync("0123456789");

        Assert.True(await pieces.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal("0123456789", pieces.Current);
    }
}
