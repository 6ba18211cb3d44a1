using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Turns.Events;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// One user message = load the session → accept it → run or resume the flow → stream events →
/// end it. Exactly once, whatever stops the process:
/// <list type="bullet">
/// <item>Accepting commits the turn marker (turn id, client message id, input) together with
/// <c>thinking</c>; a message without <c>thinking</c> was not accepted and the client sends it again.</item>
/// <item>Ending commits the outcome (state, processed message id, marker cleared) together with
/// the terminal event: <c>done</c>, <c>clarification</c> or <c>error</c>.</item>
/// <item>A marker found at the start of a turn (the process stopped, or the store failed) is run
/// again first, under its own turn id, starting with a <c>thinking</c> that says it restarted.</item>
/// </list>
/// </summary>
internal sealed partial class TurnProcessor(
    ISessionStore store,
    BuyerFlowEngine engine,
    OrchestratorMetrics metrics,
    TimeProvider time,
    IOptions<TurnOptions> turnOptions,
    IOptions<SessionStoreOptions> sessionOptions,
    ILogger<TurnProcessor> logger) : IDisposable
{
    private const int MaxConflictRetries = 5;

    /// <summary>
    /// Who runs a turn, as written in its marker: for the logs and the sessions endpoint only.
    /// Who may run it is decided by the session's lease (shared store) or by the store being this
    /// process's alone (SQLite, memory): the instance that loads a marker runs it again at once.
    /// </summary>
    private readonly string _instanceId = Environment.MachineName + ":" + Path.GetFullPath(sessionOptions.Value.DataDir);

    private readonly ConcurrencyLimiter _running = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = turnOptions.Value.MaxConcurrentTurns,
        QueueLimit = turnOptions.Value.MaxWaitingTurns,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose() => _running.Dispose();

    public async Task RunAsync(TurnSession session, TurnRequest request, TurnCancellation cancellation)
    {
        try
        {
            await RunOwnedAsync(session, request, cancellation).ConfigureAwait(false);
        }
        catch (SessionLeaseLostException)
        {
            // Another instance took the session (the shopper's socket went there): this one
            // writes nothing more and says nothing on the wire but the takeover; the new owner
            // re-runs a turn left marked, under the same turn id.
            TurnsLog.LeaseLost(logger, session.SessionId);
            session.LeaseLost();
        }
    }

    private async Task RunOwnedAsync(TurnSession session, TurnRequest request, TurnCancellation cancellation)
    {
        SessionRecord? record;
        try
        {
            await session.OwnAsync().ConfigureAwait(false);
            await session.Log.BeginTurnAsync().ConfigureAwait(false);
            record = Cached(session) ?? await LoadAsync(session).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            StoreFailed(session, ex, turnId: null, request.ClientMessageId);
            return;
        }

        if (record is null)
        {
            TurnsLog.SessionExpired(logger, session.SessionId);
            session.Expired();
            return;
        }

        if (record.Turn is { } interrupted)
        {
            // Accepted earlier and never ended (the process stopped, or the session's previous
            // owner lost its lease while running it): it runs again at once, before anything
            // newer. With a shared store this instance holds the lease by now, so the previous
            // owner can no longer write. A resend of that very message is this re-run, not a second turn.
            TurnsLog.ResumingInterrupted(logger, session.SessionId, interrupted.TurnId);
            record = await RunTurnAsync(session, record, interrupted, restarted: true, cancellation).ConfigureAwait(false);
            if (record is null || string.Equals(request.ClientMessageId, interrupted.ClientMessageId, StringComparison.Ordinal) && request.ClientMessageId is not null)
            {
                return;
            }
        }

        if (request.ResumesInterrupted)
        {
            // The connection asked for a re-run of a marker that has ended meanwhile.
            return;
        }

        if (await AcceptAsync(session, record, request).ConfigureAwait(false) is { } accepted)
        {
            await RunTurnAsync(session, accepted, accepted.Turn!, restarted: false, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the turn marker with <c>thinking</c>; null when the message is not run (duplicate, store failure).</summary>
    private async Task<SessionRecord?> AcceptAsync(TurnSession session, SessionRecord record, TurnRequest request)
    {
        var turn = new AcceptedTurn("turn_" + Guid.NewGuid().ToString("N")[..12], request.ClientMessageId, time.GetUtcNow(), _instanceId);
        for (var attempt = 1; ; attempt++)
        {
            if (request.ClientMessageId is { } id && record.ProcessedMessageIds.Contains(id, StringComparer.Ordinal))
            {
                await SendDuplicateAsync(session, id).ConfigureAwait(false);
                return null;
            }

            try
            {
                var marked = record with { TurnStatus = TurnStatuses.Running, Turn = turn, Flow = record.Flow with { Input = request.Input } };
                return await CommitAsync(session, marked, new ThinkingData("Working on it…", request.ClientMessageId), turn.TurnId).ConfigureAwait(false);
            }
            catch (SessionConflictException) when (attempt < MaxConflictRetries)
            {
                // Another instance saved this session since we read it; nothing has run yet, so
                // start from its state.
                session.Saved = null;
                if (await ReloadAsync(session).ConfigureAwait(false) is not { } current)
                {
                    return null;
                }

                record = current;
            }
            catch (SessionConflictException)
            {
                // Other instances keep writing to this session: not accepted, and the client is told.
                TurnsLog.AcceptConflicted(logger, session.SessionId);
                metrics.TurnEnded("conflict");
                session.Log.SendUnstored(new ErrorData(
                    "This conversation is busy somewhere else right now, so I couldn't take that message. Please send it again.", "session_conflict",
                    request.ClientMessageId is null ? null : $"client_message_id={request.ClientMessageId}", Recoverable: true), turnId: null);
                return null;
            }
            catch (StoreUnavailableException ex)
            {
                // Not accepted: no thinking went out, and the client still holds the message.
                StoreFailed(session, ex, turnId: null, request.ClientMessageId);
                return null;
            }
        }
    }

    private async Task<SessionRecord?> ReloadAsync(TurnSession session)
    {
        try
        {
            return await LoadAsync(session).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }

    private async Task SendDuplicateAsync(TurnSession session, string clientMessageId)
    {
        try
        {
            await session.Log.PublishAsync(new ErrorData(
                "That message was already received and answered.", "duplicate_message",
                $"client_message_id={clientMessageId}; reconnect with last_seq to receive its events.", Recoverable: true), turnId: null).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            StoreFailed(session, ex, turnId: null, clientMessageId);
        }
    }

    /// <summary>
    /// Tells the shopper the store failed, without the store: an unstored, seq-less, recoverable
    /// <c>store_unavailable</c>. An accepted turn stays marked in the store (when the store took
    /// the marker), so a resend or a reconnect runs it again under the same turn id.
    /// </summary>
    private void StoreFailed(TurnSession session, StoreUnavailableException ex, string? turnId, string? clientMessageId)
    {
        TurnsLog.StoreFailed(logger, ex.InnerException ?? ex, session.SessionId, turnId ?? "(not accepted)");
        session.Saved = null;
        metrics.TurnEnded("store_unavailable");
        session.Log.SendUnstored(new ErrorData(
            "I couldn't save our conversation just now, so that message isn't finished. Please send it again in a moment.",
            "store_unavailable", clientMessageId is null ? null : $"client_message_id={clientMessageId}", Recoverable: true), turnId);
    }

    private async Task<SessionRecord?> LoadAsync(TurnSession session)
    {
        try
        {
            return await store.GetAsync(session.SessionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not SessionConflictException)
        {
            throw new StoreUnavailableException(ex);
        }
    }

    private async Task<SessionRecord> CommitAsync(TurnSession session, SessionRecord record, EventData data, string turnId)
    {
        var now = time.GetUtcNow();
        var saved = await session.Log.CommitAsync(data, turnId, record with { UpdatedAt = now, ExpiresAt = now + sessionOptions.Value.Ttl }).ConfigureAwait(false);
        if (store.OrderedAppends)
        {
            session.Saved = saved;
        }

        return saved;
    }

    /// <summary>
    /// The record this process saved last, when the store is this process's alone (see
    /// <see cref="ISessionStore.OrderedAppends"/>): reading and parsing the whole session again at
    /// the start of every turn was a tenth of a turn's CPU. Should another writer have changed it
    /// anyway, the first save of the turn meets a version conflict and re-reads.
    /// </summary>
    private SessionRecord? Cached(TurnSession session) =>
        store.OrderedAppends && session.Saved is { } saved && saved.ExpiresAt > time.GetUtcNow() ? saved : null;
}
