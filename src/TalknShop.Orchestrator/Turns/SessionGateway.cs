using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Turns;

/// <summary>Opening a session for a connecting user: create, continue, or refuse someone else's.</summary>
internal sealed class SessionGateway(
    ISessionStore store, SessionHubRegistry hubs, TimeProvider time, IOptions<SessionStoreOptions> options)
{
    private const int MaxOwnAttempts = 3;

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

    /// <summary>
    /// The session's hub, owned by this instance: with a store shared by instances its lease is
    /// taken (forced: the shopper's socket is here) before anything is replayed or run, and the
    /// record is read again when the lease was just taken, since the previous owner may have
    /// written since <paramref name="record"/> was read. The record is null when the session
    /// expired meanwhile (the hub is then released). Throws <see cref="SessionLeaseLostException"/>
    /// when other instances keep taking the session while this one tries.
    /// </summary>
    public async Task<(SessionHub Hub, SessionRecord? Record)> OwnAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var hub = hubs.Acquire(record.SessionId);
            try
            {
                if (await hub.EnsureOwnedAsync(verify: true, cancellationToken).ConfigureAwait(false)
                    && await store.GetAsync(record.SessionId, cancellationToken).ConfigureAwait(false) is var current)
                {
                    if (current is null)
                    {
                        hubs.Release(hub);
                        return (hub, null);
                    }

                    record = current;
                }

                return (hub, record);
            }
            catch (SessionLeaseLostException) when (attempt < MaxOwnAttempts)
            {
                // This hub's lease was taken elsewhere a moment ago: it was dropped, and the next
                // one takes the lease again.
                hubs.Release(hub);
            }
            catch
            {
                hubs.Release(hub);
                throw;
            }
        }
    }

    public void Release(SessionHub hub) => hubs.Release(hub);

    private static string NewSessionId() => "sess_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Pending question of a record in its wire form, or null.</summary>
    public static Events.ClarificationData? PendingQuestion(SessionRecord record) =>
        record.Flow.PendingQuestion is { } q ? TurnEventSink.ToWire(q) : null;

    public static string Stage(SessionRecord record) => record.Flow.Stage ?? Stages.Initial;
}
