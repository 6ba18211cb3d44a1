using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Turns.Events;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

internal sealed partial class TurnProcessor
{
    // A turn that was started this many times and never ended (each start stopped the process,
    // say) ends with an error instead of being tried again forever.
    private const int MaxStarts = 3;

    /// <summary>How a turn ends: the state to save and the terminal event committed with it.</summary>
    private sealed record Ending(FlowState State, EventData Data, string Outcome);

    /// <summary>
    /// Runs an accepted turn to its terminal event. Returns the saved record, or null when the
    /// turn did not end here (store failure, conflict, shutdown).
    /// </summary>
    private async Task<SessionRecord?> RunTurnAsync(TurnSession session, SessionRecord record, AcceptedTurn turn, bool restarted, TurnCancellation cancellation)
    {
        var cancellationToken = cancellation.Token;
        var before = record.Flow with { Input = null };
        var input = record.Flow.Input ?? new TurnInput("", [], IsAnswer: false);
        var started = time.GetTimestamp();
        metrics.TurnStarted();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(turnOptions.Value.MessageTimeout);
        using var budget = Diagnostics.TurnBudget.Start(time, turnOptions.Value.MessageTimeout);
        var sink = new TurnEventSink(session.Log, turn.TurnId);
        Ending ending;
        try
        {
            if (restarted)
            {
                if (turn.Attempts >= MaxStarts)
                {
                    return await EndAsync(session, record, turn, Failure(before, "turn_failed",
                        "I couldn't finish that message after several tries. Please send it again, perhaps in other words.")).ConfigureAwait(false);
                }

                turn = turn with { Attempts = turn.Attempts + 1, StartedAt = time.GetUtcNow(), Owner = _instanceId };
                record = await CommitAsync(session, record with { Turn = turn },
                    new ThinkingData("I was interrupted, so I'm starting that answer again.", turn.ClientMessageId, Restarted: true), turn.TurnId).ConfigureAwait(false);
            }

            ending = await RunFlowAsync(before, input, sink, timeout.Token).ConfigureAwait(false);
            if (sink.LeaseLost is { } lost)
            {
                throw lost;
            }

            if (sink.StoreFailure is { } failed)
            {
                throw failed;
            }
        }
        catch (Exception ex) when (sink.LeaseLost is not null || ex is SessionLeaseLostException || cancellation.Reason == CancelReason.LeaseLost)
        {
            // Nothing more is written: RunAsync hands the session over.
            throw sink.LeaseLost ?? ex as SessionLeaseLostException ?? new SessionLeaseLostException(session.SessionId, 0);
        }
        catch (Exception ex) when (sink.StoreFailure is { } failed || ex is StoreUnavailableException)
        {
            StoreFailed(session, sink.StoreFailure ?? (StoreUnavailableException)ex, turn.TurnId, turn.ClientMessageId);
            return null;
        }
        catch (OperationCanceledException) when (cancellation.Reason == CancelReason.Shutdown)
        {
            // Left marked: whichever instance the shopper reconnects to runs it again under the
            // same turn id (the drain releases the session's lease, so it need not wait for it).
            TurnsLog.TurnInterrupted(logger, session.SessionId, turn.TurnId);
            metrics.TurnEnded("interrupted");
            await FlushQuietlyAsync(session).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellation.Reason == CancelReason.User)
        {
            ending = new Ending(before with { Stage = Stages.Cancelled }, new DoneData("Stopped as you asked", session.SessionId, "cancelled"), "cancelled");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            ending = Failure(before, "turn_timeout", "That took too long, so I stopped. Please try again.") with { Outcome = "timeout" };
        }
        catch (SessionConflictException)
        {
            await ReportConflictAsync(session, turn).ConfigureAwait(false);
            return null;
        }
        catch (FlowStepException ex)
        {
            ending = Failure(before, ex.Code, ex.Message);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SessionLeaseLostException))
        {
            TurnsLog.TurnFailed(logger, ex, session.SessionId, turn.TurnId);
            ending = Failure(before, "internal_error", "Something went wrong on our side while handling that message. Please try again.");
        }

        var saved = await EndAsync(session, record, turn, ending).ConfigureAwait(false);
        if (saved is not null && ending.Outcome is "completed" or "paused")
        {
            metrics.TurnCompleted(time.GetElapsedTime(started), ending.Outcome == "completed" ? nameof(FlowOutcome.Completed) : nameof(FlowOutcome.Paused));
        }

        if (saved is not null && cancellationToken.IsCancellationRequested && cancellation.Reason == CancelReason.User && ending.Outcome != "cancelled")
        {
            // The cancel arrived after the last step had run: the turn ended anyway, and the
            // cancel still gets its answer.
            session.Log.SendUnstored(new ErrorData(
                "That answer was already complete, so there was nothing to stop.", "no_active_turn", null, Recoverable: true), turnId: null);
        }

        return saved;
    }

    private async Task<Ending> RunFlowAsync(FlowState before, TurnInput input, TurnEventSink sink, CancellationToken cancellationToken)
    {
        // Model calls cost money and memory: at most MAX_CONCURRENT_GRAPH_EXECUTIONS turns run at
        // once; the wait counts against the turn's own timeout. The slot is given back before the
        // turn's outcome is sent, so a client that answers at once never finds its own previous
        // turn still holding it.
        using var slot = await _running.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!slot.IsAcquired)
        {
            return Failure(before, "server_busy", "The assistant is very busy right now. Please try again in a moment.") with { Outcome = "rejected" };
        }

        var (state, outcome) = await engine.RunAsync(before, input, sink, cancellationToken).ConfigureAwait(false);
        return outcome == FlowOutcome.Completed || sink.Question is not { } question
            ? new Ending(state, new DoneData("Search completed", "", "completed"), "completed")
            : new Ending(state, question, "paused");
    }

    /// <summary>Commits the outcome with the terminal event; null when the store failed or another writer got there first.</summary>
    private async Task<SessionRecord?> EndAsync(TurnSession session, SessionRecord record, AcceptedTurn turn, Ending ending)
    {
        var ids = record.ProcessedMessageIds;
        if (turn.ClientMessageId is { } id && !ids.Contains(id, StringComparer.Ordinal))
        {
            ids = [.. ids.Append(id).TakeLast(sessionOptions.Value.MessageIdRetention)];
        }

        var data = ending.Data is DoneData done ? done with { SessionId = session.SessionId } : ending.Data;
        try
        {
            var saved = await CommitAsync(session, record with { Flow = ending.State with { Input = null }, TurnStatus = TurnStatuses.Idle, Turn = null, ProcessedMessageIds = ids },
                data, turn.TurnId).ConfigureAwait(false);
            if (ending.Outcome is not ("completed" or "paused"))
            {
                metrics.TurnEnded(ending.Outcome);
            }

            return saved;
        }
        catch (StoreUnavailableException ex)
        {
            StoreFailed(session, ex, turn.TurnId, turn.ClientMessageId);
            return null;
        }
        catch (SessionConflictException)
        {
            await ReportConflictAsync(session, turn).ConfigureAwait(false);
            return null;
        }
    }

    private async Task ReportConflictAsync(TurnSession session, AcceptedTurn turn)
    {
        // Another instance changed the conversation while this turn ran. Writing our state over
        // theirs would lose their update; say so instead, so this message is not lost silently.
        session.Saved = null;
        TurnsLog.TurnConflicted(logger, session.SessionId, turn.TurnId);
        metrics.TurnEnded("conflict");
        try
        {
            await session.Log.PublishAsync(new ErrorData(
                "This conversation changed somewhere else while I was answering. Please send your message again.", "session_conflict", null, Recoverable: false), turn.TurnId).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            StoreFailed(session, ex, turn.TurnId, turn.ClientMessageId);
            return;
        }

        // The turn has its terminal event now: its marker, if still there, must not make anyone run it again.
        try
        {
            if (await store.GetAsync(session.SessionId, CancellationToken.None).ConfigureAwait(false) is { Turn.TurnId: var id } current && id == turn.TurnId)
            {
                await store.SaveAsync(current with { Turn = null, TurnStatus = TurnStatuses.Idle, Flow = current.Flow with { Input = null } }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TurnsLog.MarkerNotCleared(logger, ex, session.SessionId, turn.TurnId);
        }
    }

    private static async Task FlushQuietlyAsync(TurnSession session)
    {
        try
        {
            await session.Log.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or SessionLeaseLostException)
        {
            // What was not stored was never sent; the re-run sends it again.
        }

        session.Saved = null;
    }

    private static Ending Failure(FlowState before, string code, string message) =>
        new(before with { Stage = Stages.Failed }, new ErrorData(message, code, Details: null, Recoverable: false), "failed");
}
