using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// What one turn gets from its session, and nothing more: the event log it publishes to, the
/// connection to tell when the session has expired, the record this process saved last, and the
/// session's lease (taken before the turn starts; lost when another instance took the session).
/// </summary>
internal sealed class TurnSession(
    SessionEventLog log, SessionSubscribers subscribers, SessionRecord? saved, Func<Task<bool>> own, Action leaseLost)
{
    public string SessionId => log.SessionId;

    public SessionEventLog Log => log;

    /// <summary>
    /// The session as this process last saved it, when that is known to be current (see
    /// <c>TurnProcessor.Cached</c>); null makes the next turn read it from the store. The hub
    /// keeps it for the session's next turn.
    /// </summary>
    public SessionRecord? Saved { get; set; } = saved;

    /// <summary>The session is gone from the store: the attached connection says so and closes.</summary>
    public void Expired() => subscribers.SessionExpired();

    /// <summary>
    /// Waits until this instance holds the session's lease (stores shared by instances). A store
    /// failure comes out as <see cref="StoreUnavailableException"/>; a lease another instance took
    /// as <see cref="SessionLeaseLostException"/>.
    /// </summary>
    public async Task OwnAsync()
    {
        try
        {
            if (await own().ConfigureAwait(false))
            {
                Saved = null;
            }
        }
        catch (Exception ex) when (ex is not (SessionLeaseLostException or OperationCanceledException))
        {
            throw new StoreUnavailableException(ex);
        }
    }

    /// <summary>
    /// A write found the session's lease taken: the hub stops writing, closes its connection with
    /// <c>session_taken_over</c> and is dropped; the new owner finishes what was running.
    /// </summary>
    public void LeaseLost()
    {
        Saved = null;
        leaseLost();
    }
}
