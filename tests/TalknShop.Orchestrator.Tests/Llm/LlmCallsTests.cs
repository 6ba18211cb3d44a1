using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Llm;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>The retry and timeout rules of <see cref="LlmCalls"/> (issue 14), on a fake clock.</summary>
public sealed class LlmCallsTests : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "a laptop")];
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));

    public void Dispose()
    {
        _services.Dispose();
        _timeout.Dispose();
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task CompleteAsync_PassingFailure_IsRetriedAfterTheDelay(HttpStatusCode status)
    {
        var model = new ScriptedModel(_ => throw Http(status), _ => Task.FromResult("ok"));
        var calls = Calls(model, retries: 1);

        var start = _time.GetUtcNow();
        var reply = calls.CompleteAsync("compose", Messages, new ChatOptions(), _timeout.Token);
        await model.WaitForCallsAsync(1, _timeout.Token);

        Assert.Equal("ok", await PumpAsync(reply));
        Assert.Equal(2, model.Calls);
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromMilliseconds(150), "the retry waits its delay");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task CompleteAsync_OtherClientError_IsNotRetried(HttpStatusCode status)
    {
        var model = new ScriptedModel(_ => throw Http(status), _ => Task.FromResult("never"));
        var (calls, status2) = CallsWithStatus(model, retries: 3);

        Assert.Null(await calls.CompleteAsync("compose", Messages, new ChatOptions(), _timeout.Token));
        Assert.Equal(1, model.Calls);
        Assert.Equal($"http_{(int)status}", status2.LastFailureCode);
    }

    [Fact]
    public async Task CompleteAsync_Timeout_EndsTheCall_AndIsNotRetried()
    {
        var model = new ScriptedModel(async token => { await Task.Delay(Timeout.InfiniteTimeSpan, token); return "late"; }, _ => Task.FromResult("never"));
        var (calls, status) = CallsWithStatus(model, retries: 2, timeoutSeconds: 30);

        var reply = calls.CompleteAsync("compose", Messages, new ChatOptions(), _timeout.Token);
        await model.WaitForCallsAsync(1, _timeout.Token);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(reply.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await reply);
        Assert.Equal(1, model.Calls);
        Assert.Equal("timeout", status.LastFailureCode);
    }

    [Fact]
    public async Task CompleteAsync_TurnBudgetSpent_CallsNothing()
    {
        var model = new ScriptedModel(_ => Task.FromResult("never"));
        var (calls, status) = CallsWithStatus(model, retries: 2);

        using (TurnBudget.Start(_time, TimeSpan.FromSeconds(10)))
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.Null(await calls.CompleteAsync("extract", Messages, new ChatOptions(), _timeout.Token));
        }

        Assert.Equal(0, model.Calls);
        Assert.Equal("turn_budget", status.LastFailureCode);
    }

    [Fact]
    public async Task StreamAsync_FailureBeforeAnyText_IsRetried()
    {
        var model = new ScriptedModel(_ => throw Http(HttpStatusCode.ServiceUnavailable), _ => Task.FromResult("hello"));
        var calls = Calls(model, retries: 1);
        var outcome = new StreamOutcome();

        var read = ReadAllAsync(calls.StreamAsync("compose", Messages, new ChatOptions(), outcome, _timeout.Token));
        await model.WaitForCallsAsync(1, _timeout.Token);

        Assert.Equal(["hello"], await PumpAsync(read));
        Assert.False(outcome.Failed);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task StreamAsync_FailureAfterText_IsNotRetried()
    {
        var model = new ScriptedModel(_ => Task.FromResult("partial")) { FailAfterFirstChunk = Http(HttpStatusCode.InternalServerError) };
        var calls = Calls(model, retries: 3);
        var outcome = new StreamOutcome();

        Assert.Equal(["partial"], await ReadAllAsync(calls.StreamAsync("compose", Messages, new ChatOptions(), outcome, _timeout.Token)));
        Assert.True(outcome.Started);
        Assert.True(outcome.Failed);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task StreamAsync_IdleTimeout_RestartsWithEveryChunk()
    {
        var model = new ScriptedModel(_ => Task.FromResult("a")) { Chunks = 3, ChunkGap = TimeSpan.FromSeconds(20) };
        var (calls, status) = CallsWithStatus(model, retries: 1, timeoutSeconds: 30);
        var outcome = new StreamOutcome();

        var read = ReadAllAsync(calls.StreamAsync("compose", Messages, new ChatOptions(), outcome, _timeout.Token));
        // Three gaps of 20 s: 60 s in all, but never 30 s without a chunk.
        for (var i = 0; i < 3; i++)
        {
            await model.WaitForGapAsync(i + 1, _timeout.Token);
            _time.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(["a", "a", "a", "a"], await read);
        Assert.False(outcome.Failed);
        Assert.Null(status.LastFailureCode);
    }

    [Fact]
    public async Task StreamAsync_SilentForTheTimeout_EndsAsTimeout()
    {
        var model = new ScriptedModel(_ => Task.FromResult("a")) { Chunks = 1, ChunkGap = Timeout.InfiniteTimeSpan };
        var (calls, status) = CallsWithStatus(model, retries: 1, timeoutSeconds: 30);
        var outcome = new StreamOutcome();

        var read = ReadAllAsync(calls.StreamAsync("compose", Messages, new ChatOptions(), outcome, _timeout.Token));
        await model.WaitForGapAsync(1, _timeout.Token);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["a"], await read);
        Assert.True(outcome.Failed);
        Assert.Equal("timeout", status.LastFailureCode);
        Assert.Equal(1, model.Calls);
    }

    private LlmCalls Calls(IChatClient model, int retries) => CallsWithStatus(model, retries).Calls;

    private (LlmCalls Calls, LlmStatus Status) CallsWithStatus(IChatClient model, int retries, double timeoutSeconds = 30)
    {
        if (model is ScriptedModel scripted)
        {
            scripted.Time = _time;
        }

        var options = Options.Create(new LlmOptions { Provider = "anthropic", MaxRetries = retries, TimeoutSeconds = timeoutSeconds });
        var status = new LlmStatus(new DependencyStatus(_time));
        var metrics = new OrchestratorMetrics(_services.GetRequiredService<IMeterFactory>());
        return (new LlmCalls(model, options, status, metrics, _time, NullLogger<LlmCalls>.Instance), status);
    }

    /// <summary>
    /// Moves the fake clock in small steps until <paramref name="task"/> ends: the retry's delay
    /// is scheduled by Polly just after the failed call returns, a moment the test cannot observe.
    /// </summary>
    private async Task<T> PumpAsync<T>(Task<T> task)
    {
        while (!task.IsCompleted && !_timeout.IsCancellationRequested)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        return await task.WaitAsync(_timeout.Token);
    }

    private static HttpRequestException Http(HttpStatusCode status) => new("refused", null, status);

    private static async Task<List<string>> ReadAllAsync(IAsyncEnumerable<string> texts)
    {
        var all = new List<string>();
        await foreach (var text in texts)
        {
            all.Add(text);
        }

        return all;
    }

    /// <summary>A chat client whose n-th call follows the n-th script (the last one repeats).</summary>
    private sealed class ScriptedModel(params Func<CancellationToken, Task<string>>[] scripts) : IChatClient
    {
        private readonly SemaphoreSlim _called = new(0);
        private readonly SemaphoreSlim _gaps = new(0);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>Thrown while reading the chunk after the first, when set.</summary>
        public Exception? FailAfterFirstChunk { get; init; }

        /// <summary>Chunks after the first, each <see cref="ChunkGap"/> apart on the fake clock.</summary>
        public int Chunks { get; init; }

        public TimeSpan ChunkGap { get; init; }

        public TimeProvider? Time { get; set; }

        public async Task WaitForCallsAsync(int count, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                await _called.WaitAsync(cancellationToken);
            }
        }

        public Task WaitForGapAsync(int _, CancellationToken cancellationToken) => _gaps.WaitAsync(cancellationToken);

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            new(new ChatMessage(ChatRole.Assistant, await NextAsync(cancellationToken)));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var text = await NextAsync(cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text);
            if (FailAfterFirstChunk is { } failure)
            {
                throw failure;
            }

            for (var i = 0; i < Chunks; i++)
            {
                var gap = Gap(cancellationToken);
                _gaps.Release();
                await gap;
                yield return new ChatResponseUpdate(ChatRole.Assistant, text);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
            _called.Dispose();
            _gaps.Dispose();
        }

        private Task Gap(CancellationToken cancellationToken) => Task.Delay(ChunkGap, GapClock, cancellationToken);

        /// <summary>Set by the test class through <see cref="Time"/>; the system clock would make the gaps real.</summary>
        private TimeProvider GapClock => Time ?? throw new InvalidOperationException("Time must be set for chunk gaps.");

        private Task<string> NextAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            _called.Release();
            return scripts[Math.Min(n, scripts.Length) - 1](cancellationToken);
        }
    }
}
