using TalknShop.Orchestrator.Turns;

namespace TalknShop.Orchestrator.Tests.Turns;

public sealed class SessionSubscribersTests
{
    [Fact]
    public void Replace_NewerConnection_ReturnsThePreviousOneAndOnlyTheNewerGetsFrames()
    {
        var subscribers = new SessionSubscribers();
        var first = new RecordingSubscriber("conn_1");
        var second = new RecordingSubscriber("conn_2");
        Assert.Null(subscribers.Replace(first));

        var previous = subscribers.Replace(second);
        SessionSubscribers.TakeOver(previous);
        subscribers.Deliver("live"u8.ToArray());

        Assert.Same(first, previous);
        Assert.True(first.TakenOver);
        Assert.False(second.TakenOver);
        Assert.Empty(first.Frames);
        Assert.Equal(["live"], second.Frames);
    }

    [Fact]
    public void Replace_SameConnectionAgain_IsNoTakeover()
    {
        var subscribers = new SessionSubscribers();
        var only = new RecordingSubscriber();
        subscribers.Replace(only);

        Assert.Null(subscribers.Replace(only));
    }

    [Fact]
    public void Detach_ConnectionThatWasTakenOver_LeavesTheNewerOneAttached()
    {
        var subscribers = new SessionSubscribers();
        var old = new RecordingSubscriber("conn_old");
        var current = new RecordingSubscriber("conn_new");
        subscribers.Replace(old);
        subscribers.Replace(current);

        subscribers.Detach(old);
        subscribers.SessionExpired();

        Assert.Same(current, subscribers.Current);
        Assert.True(current.Expired);
        Assert.False(old.Expired);

        subscribers.Detach(current);
        Assert.Null(subscribers.Current);
    }
}
