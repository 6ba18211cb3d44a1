using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// One user message = load the session → run or resume the flow → stream events → save. Every turn
/// ends with exactly one of <c>done</c>, <c>clarification</c>, or an <c>error</c> that is not recoverable.
/// </summary>
internal sealed class TurnProcessor(
    ISessionStore store,
    BuyerFlowEngine engine,
    OrchestratorMetrics metrics,
    TimeProvider time,
    IOptions<TurnOptions> turnOptions,
    IOptions<SessionStoreOptions> sessionOptions,
    ILogger<TurnProcessor> logger) : IDisposable
{
    private readonly ConcurrencyLimiter _running = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = turnOptions.Value.MaxConcurrentTurns,
        QueueLimit = turnOptions.Value.MaxWaitingTurns,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose() => _running.Dispose();

    public async Task RunAsync(SessionHub hub, TurnRequest request, CancellationToken cancellationToken)
    {
        var record = Cached(hub) ?? await store.GetAsync(hub.SessionId, CancellationToken.None).ConfigureAwait(false);
        if (record is null)
        {
            TurnsLog.SessionVanished(logger, hub.SessionId);
            return;
        }

        if (request.ClientMessageId is { } id && record.ProcessedMessageIds.Contains(id, StringComparer.Ordinal))
        {
            await hub.PublishAsync(EventTypes.Error, new ErrorData(
                "That message was already received and answered.", "duplicate_message",
                "Reconnect with last_seq to receive its events.", Recoverable: true), turnId: null).ConfigureAwait(false);
            return;
        }

        var turnId = "turn_" + Guid.NewGuid().ToString("N")[..12];
        var started = time.GetTimestamp();
        metrics.TurnStarted();
        await hub.PublishAsync(EventTypes.Thinking, new ThinkingData("Working on it…"), turnId).ConfigureAwait(false);

        // Mark the turn in flight with its input, so a process that stops mid-turn leaves enough
        // for the next one to run it again.
        var before = record.Flow;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                record = await SaveAsync(hub, record with { TurnStatus = TurnStatuses.Running, Flow = before with { Input = request.Input } }).ConfigureAwait(false);
                break;
            }
            catch (SessionConflictException) when (attempt < 5)
            {
                hub.LastSaved = null;
                // Another instance saved this session since we read it; nothing has run yet, so
                // start from its state.
                record = await store.GetAsync(hub.SessionId, CancellationToken.None).ConfigureAwait(false) ?? record;
                before = record.Flow;
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(turnOptions.Value.MessageTimeout);
        using var budget = Diagnostics.TurnBudget.Start(time, turnOptions.Value.MessageTimeout);
        var sink = new TurnEventSink(hub, turnId);
        using var notices = Understanding.UnderstandingNotices.Listen(sink.NoticeAsync);
        try
        {
            // Model calls cost money and memory: at most MAX_CONCURRENT_GRAPH_EXECUTIONS turns
            // run at once; the wait counts against the turn's own timeout.
            // The slot is given back before the turn's outcome is sent, so a client that answers
            // at once never finds its own previous turn still holding it.
            FlowState state;
            BuyerFlow.Engine.FlowOutcome outcome;
            using (var slot = await _running.AcquireAsync(1, timeout.Token).ConfigureAwait(false))
            {
                if (!slot.IsAcquired)
                {
                    await SaveIdleAsync(hub, record, before, request).ConfigureAwait(false);
                    await Fail(hub, turnId, "server_busy", "The assistant is very busy right now. Please try again in a moment.").ConfigureAwait(false);
                    metrics.TurnEnded("rejected");
                    return;
                }

                (state, outcome) = await engine.RunAsync(before with { Input = null }, request.Input, sink, timeout.Token).ConfigureAwait(false);
            }

            await SaveIdleAsync(hub, record, state, request).ConfigureAwait(false);
            if (outcome == BuyerFlow.Engine.FlowOutcome.Completed)
            {
                await Done(hub, turnId, "Search completed", "completed").ConfigureAwait(false);
            }

            metrics.TurnCompleted(time.GetElapsedTime(started), outcome.ToString());
            if (cancellationToken.IsCancellationRequested && hub.CurrentCancelReason == CancelReason.User)
            {
                // The cancel arrived after the last step had run: the turn ended anyway, and
                // the cancel still gets its answer.
                await hub.PublishAsync(EventTypes.Error, new ErrorData(
                    "That answer was already complete, so there was nothing to stop.", "no_active_turn", null, Recoverable: true), turnId: null).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (hub.CurrentCancelReason == CancelReason.Shutdown)
        {
            // Leave the turn marked running: the next process re-runs it from the saved state.
            TurnsLog.TurnInterrupted(logger, hub.SessionId, turnId);
            metrics.TurnEnded("interrupted");
        }
        catch (OperationCanceledException) when (hub.CurrentCancelReason == CancelReason.User)
        {
            await SaveIdleAsync(hub, record, before with { Stage = Stages.Cancelled }, request).ConfigureAwait(false);
            await Done(hub, turnId, "Stopped as you asked", "cancelled").ConfigureAwait(false);
            metrics.TurnEnded("cancelled");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await SaveIdleAsync(hub, record, before with { Stage = Stages.Failed }, request).ConfigureAwait(false);
            await Fail(hub, turnId, "turn_timeout", "That took too long, so I stopped. Please try again.").ConfigureAwait(false);
            metrics.TurnEnded("timeout");
        }
        catch (SessionConflictException)
        {
            // Another instance changed the conversation while this turn ran. Writing our state
            // over theirs would lose their update; say so instead, so this message is not lost silently.
            hub.LastSaved = null;
            TurnsLog.TurnConflicted(logger, hub.SessionId, turnId);
            await Fail(hub, turnId, "session_conflict", "This conversation changed somewhere else while I was answering. Please send your message again.").ConfigureAwait(false);
            metrics.TurnEnded("conflict");
        }
        catch (FlowStepException ex)
        {
            await SaveIdleAsync(hub, record, before with { Stage = Stages.Failed }, request).ConfigureAwait(false);
            await Fail(hub, turnId, ex.Code, ex.Message).ConfigureAwait(false);
            metrics.TurnEnded("failed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TurnsLog.TurnFailed(logger, ex, hub.SessionId, turnId);
            await SaveIdleAsync(hub, record, before with { Stage = Stages.Failed }, request).ConfigureAwait(false);
            await Fail(hub, turnId, "internal_error", "Something went wrong on our side while handling that message. Please try again.").ConfigureAwait(false);
            metrics.TurnEnded("failed");
        }
    }

    private async Task SaveIdleAsync(SessionHub hub, SessionRecord record, FlowState state, TurnRequest request)
    {
        // The turn's events are in the log before its outcome is saved: after a crash between the
        // two, the next process re-runs the turn rather than holding an outcome nobody can replay.
        await hub.FlushAsync().ConfigureAwait(false);
        var ids = record.ProcessedMessageIds;
        if (request.ClientMessageId is { } id)
        {
            ids = [.. ids.Append(id).TakeLast(sessionOptions.Value.MessageIdRetention)];
        }

        await SaveAsync(hub, record with { Flow = state with { Input = null }, TurnStatus = TurnStatuses.Idle, ProcessedMessageIds = ids }).ConfigureAwait(false);
    }

    private async Task<SessionRecord> SaveAsync(SessionHub hub, SessionRecord record)
    {
        var now = time.GetUtcNow();
        var saved = await store.SaveAsync(record with { UpdatedAt = now, ExpiresAt = now + sessionOptions.Value.Ttl }, CancellationToken.None).ConfigureAwait(false);
        if (store.OrderedAppends)
        {
            hub.LastSaved = saved;
        }

        return saved;
    }

    /// <summary>
    /// The record this process saved last, when the store is this process's alone (see
    /// <see cref="ISessionStore.OrderedAppends"/>): reading and parsing the whole session again at
    /// the start of every turn was a tenth of a turn's CPU. Should another writer have changed it
    /// anyway, the first save of the turn meets a version conflict and re-reads.
    /// </summary>
    private SessionRecord? Cached(SessionHub hub) =>
        store.OrderedAppends && hub.LastSaved is { } saved && saved.ExpiresAt > time.GetUtcNow() ? saved : null;

    private static Task<long> Done(SessionHub hub, string turnId, string message, string status) =>
        hub.PublishAsync(EventTypes.Done, new DoneData(message, hub.SessionId, status), turnId);

    private static Task<long> Fail(SessionHub hub, string turnId, string code, string message) =>
        hub.PublishAsync(EventTypes.Error, new ErrorData(message, code, Details: null, Recoverable: false), turnId);
}
