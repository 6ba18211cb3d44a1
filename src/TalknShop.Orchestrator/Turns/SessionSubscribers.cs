namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// The connection a session's live events go to: at most one. A newer connection takes the
/// session over and the previous one is told so; a connection that leaves only detaches itself.
/// </summary>
internal sealed class SessionSubscribers
{
    private readonly Lock _lock = new();
    private ISessionSubscriber? _current;

    public ISessionSubscriber? Current { get { lock (_lock) { return _current; } } }

    /// <summary>Queues a live frame for the attached connection, if any.</summary>
    public void Deliver(ReadOnlyMemory<byte> frame) => Current?.TryDeliver(frame);

    /// <summary>
    /// Makes <paramref name="subscriber"/> the session's connection; returns the one it replaced
    /// (null when none, or when it was already attached). The caller tells that one with
    /// <see cref="TakeOver"/> once the new connection is live.
    /// </summary>
    public ISessionSubscriber? Replace(ISessionSubscriber subscriber)
    {
        lock (_lock)
        {
            var previous = _current;
            _current = subscriber;
            return ReferenceEquals(previous, subscriber) ? null : previous;
        }
    }

    /// <summary>Tells <paramref name="previous"/> (from <see cref="Replace"/>) that a newer connection took the session over.</summary>
    public static void TakeOver(ISessionSubscriber? previous) => previous?.OnTakenOver();

    /// <summary>Forgets <paramref name="subscriber"/> if it is still the attached one.</summary>
    public void Detach(ISessionSubscriber subscriber)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_current, subscriber))
            {
                _current = null;
            }
        }
    }

    /// <summary>The session is gone from the store (expired): the attached connection must say so and close.</summary>
    public void SessionExpired() => Current?.OnSessionExpired();
}
