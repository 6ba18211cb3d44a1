using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>Opening a session for a connecting user: create, continue, or refuse someone else's.</summary>
internal sealed class SessionGateway(
    ISessionStore store, SessionHubRegistry hubs, TimeProvider time, IOptions<SessionStoreOptions> options)
{
    /// <summary>
    /// Returns the session record, or null when the id belongs to another user. When the session
    /// would be created and <paramref name="mayCreate"/> says no, returns <c>(null, true)</c>.
    /// </summary>
    public async Task<(SessionRecord? Record, bool Created)> OpenAsync(string? requestedId, string userId, CancellationToken cancellationToken, Func<bool>? mayCreate = null)
    {
        var sessionId = requestedId ?? NewSessionId();
        var existing = await store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return string.Equals(existing.UserId, userId, StringComparison.Ordinal) ? (existing, false) : (null, false);
        }

        if (mayCreate is not null && !mayCreate())
        {
            return (null, true);
        }

        var now = time.GetUtcNow();
        var record = new SessionRecord { SessionId = sessionId, UserId = userId, CreatedAt = now, UpdatedAt = now, ExpiresAt = now + options.Value.Ttl };
        if (await store.TryCreateAsync(record, cancellationToken).ConfigureAwait(false))
        {
            return (await store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false), true);
        }

        // Lost a race with another connection creating the same id: treat as existing.
        return await OpenAsync(sessionId, userId, cancellationToken).ConfigureAwait(false);
    }

    public SessionHub Acquire(string sessionId) => hubs.Acquire(sessionId);

    public void Release(SessionHub hub) => hubs.Release(hub);

    private static string NewSessionId() => "sess_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Pending question of a record in its wire form, or null.</summary>
    public static Events.ClarificationData? PendingQuestion(SessionRecord record) =>
        record.Flow.PendingQuestion is { } q ? TurnEventSink.ToWire(q) : null;

    public static string Stage(SessionRecord record) => record.Flow.Stage ?? Stages.Initial;
}
