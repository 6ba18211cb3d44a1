namespace TalknShop.Orchestrator.Turns;

/// <summary>The connection currently attached to a session, as the session hub sees it.</summary>
internal interface ISessionSubscriber
{
    string ConnectionId { get; }

    /// <summary>Queues a live frame without waiting; false when the subscriber's queue is full (it closes itself).</summary>
    bool TryDeliver(ReadOnlyMemory<byte> frame);

    /// <summary>Queues a replayed frame, waiting for room; false when the subscriber is gone.</summary>
    ValueTask<bool> DeliverAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>A newer connection took the session over; this one must say so and close.</summary>
    void OnTakenOver();

    /// <summary>The session expired while this connection was open: it must say so and close.</summary>
    void OnSessionExpired();
}
