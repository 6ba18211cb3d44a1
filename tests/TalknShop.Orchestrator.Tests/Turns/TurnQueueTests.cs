using System.Collections.Concurrent;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Turns;

namespace TalknShop.Orchestrator.Tests.Turns;

/// <summary>The turn queue on its own: a fake turn runner the test lets finish turn by turn.</summary>
public sealed class TurnQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _startSignals = new();
    private readonly ConcurrentQueue<Exception> _crashes = new();
    private readonly TaskCompletionSource<TurnCancellation> _firstCancellation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _idle;

    private TurnQueue Queue(int maxQueued = 4) => new(maxQueued, RunAsync, () => Interlocked.Increment(ref _idle), _crashes.Enqueue);

    private async Task RunAsync(TurnRequest request, TurnCancellation cancellation)
    {
        var text = request.Input.Text;
        _started.Enqueue(text);
        Started(text).TrySetResult();
        _firstCancellation.TrySetResult(cancellation);
        if (text == "crash")
        {
            throw new InvalidOperationException("the processor itself failed");
        }

        try
        {
            await Gate(text).Task.WaitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // As the processor does: a cancelled turn ends normally.
        }
    }

    private TaskCompletionSource Gate(string text) => _gates.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TurnRequest Message(string text, string? id = null) => new(new TurnInput(text, [], IsAnswer: false), id);

    private Task WaitStartedAsync(string text) => Started(text).Task.WaitAsync(Bound);

    private TaskCompletionSource Started(string text) => _startSignals.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    [Fact]
    public async Task Enqueue_SeveralMessages_RunOneAtATimeInArrivalOrder()
    {
        var queue = Queue();

        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("one")));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("two")));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("three")));
        await WaitStartedAsync("one");
        Assert.Equal(["one"], _started);

        Gate("one").SetResult();
        await WaitStartedAsync("two");
        Assert.Equal(["one", "two"], _started);

        Gate("two").SetResult();
        Gate("three").SetResult();
        await queue.WhenIdleAsync().WaitAsync(Bound);
        Assert.Equal(["one", "two", "three"], _started);
        Assert.False(queue.IsRunning);
        Assert.Equal(1, _idle);
    }

    [Fact]
    public async Task Enqueue_ClientMessageIdQueuedOrRunning_IsDuplicateUntilItsTurnEnds()
    {
        var queue = Queue();
        queue.Enqueue(Message("first", "m-1"));
        await WaitStartedAsync("first");

        Assert.Equal(EnqueueResult.Duplicate, queue.Enqueue(Message("first again", "m-1")));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("second", "m-2")));
        Assert.Equal(EnqueueResult.Duplicate, queue.Enqueue(Message("second again", "m-2")));

        Gate("first").SetResult();
        Gate("second").SetResult();
        await queue.WhenIdleAsync().WaitAsync(Bound);

        // Dedupe here covers what is in flight only; the store's processed ids cover the rest.
        Gate("later").SetResult();
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("later", "m-1")));
        await WaitStartedAsync("later");
    }

    [Fact]
    public async Task Enqueue_QueueFull_IsRefusedAndItsIdStaysFree()
    {
        var queue = Queue(maxQueued: 1);
        queue.Enqueue(Message("running"));
        await WaitStartedAsync("running");
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("waiting")));

        Assert.Equal(EnqueueResult.QueueFull, queue.Enqueue(Message("one too many", "m-9")));

        Gate("running").SetResult();
        await WaitStartedAsync("waiting");
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("one too many", "m-9")));
        Gate("waiting").SetResult();
        Gate("one too many").SetResult();
        await queue.WhenIdleAsync().WaitAsync(Bound);
    }

    [Fact]
    public async Task CancelCurrent_ByUser_CancelsTheRunningTurnWithItsReasonAndTheNextStillRuns()
    {
        var queue = Queue();
        Assert.False(queue.CancelCurrent(CancelReason.User)); // nothing runs yet
        queue.Enqueue(Message("slow"));
        queue.Enqueue(Message("next"));
        var cancellation = await _firstCancellation.Task.WaitAsync(Bound);
        Assert.Equal(CancelReason.None, cancellation.Reason);

        Assert.True(queue.CancelCurrent(CancelReason.User));

        Assert.Equal(CancelReason.User, cancellation.Reason);
        await WaitStartedAsync("next");
        Gate("next").SetResult();
        await queue.WhenIdleAsync().WaitAsync(Bound);
        Assert.Equal(["slow", "next"], _started);
        Assert.Empty(_crashes);
    }

    [Fact]
    public async Task CancelCurrent_Shutdown_DropsWaitingTurns()
    {
        var queue = Queue();
        queue.Enqueue(Message("running"));
        queue.Enqueue(Message("waiting"));
        var cancellation = await _firstCancellation.Task.WaitAsync(Bound);

        Assert.True(queue.CancelCurrent(CancelReason.Shutdown));
        await queue.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(CancelReason.Shutdown, cancellation.Reason);
        Assert.Equal(["running"], _started);
    }

    [Fact]
    public async Task Worker_RunnerThrows_CrashIsReportedAndLaterTurnsStillRun()
    {
        var queue = Queue();
        queue.Enqueue(Message("crash", "m-1"));
        queue.Enqueue(Message("after"));
        Gate("after").SetResult();

        await WaitStartedAsync("after");
        await queue.WhenIdleAsync().WaitAsync(Bound);

        Assert.IsType<InvalidOperationException>(Assert.Single(_crashes));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Message("crash", "m-1"))); // its id was freed
        await queue.WhenIdleAsync().WaitAsync(Bound);
    }
}
