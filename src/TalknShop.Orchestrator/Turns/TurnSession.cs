using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// What one turn gets from its session, and nothing more: the event log it publishes to, the
/// connection to tell when the session has expired, and the record this process saved last.
/// </summary>
internal sealed class TurnSession(SessionEventLog log, SessionSubscribers subscribers, SessionRecord? saved)
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
}
