namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// How many connections of this process have a session open, for <c>GET /api/v1/sessions/{id}</c>.
/// The chat layer implements it: sessions know nothing of sockets.
/// </summary>
public interface ISessionConnections
{
    int CountFor(string sessionId);
}
