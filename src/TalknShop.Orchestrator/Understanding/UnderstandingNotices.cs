namespace TalknShop.Orchestrator.Understanding;

/// <summary>
/// A side channel for the understanding layer to tell the shopper how a step was done ("the
/// language model was unavailable, so I used my built-in understanding"). The interfaces return
/// specs, questions and answer text only, so the turn that runs the flow listens here for the
/// duration of the turn (an <see cref="AsyncLocal{T}"/> flows into every call the turn makes) and
/// turns each notice into a <c>progress</c> event. Without a listener a notice is dropped.
/// </summary>
public static class UnderstandingNotices
{
    private static readonly AsyncLocal<Func<string, CancellationToken, ValueTask>?> Listener = new();

    /// <summary>Routes notices raised by this async flow to <paramref name="listener"/> until disposed.</summary>
    public static IDisposable Listen(Func<string, CancellationToken, ValueTask> listener)
    {
        var previous = Listener.Value;
        Listener.Value = listener;
        return new Restore(previous);
    }

    public static ValueTask ReportAsync(string message, CancellationToken cancellationToken) =>
        Listener.Value is { } listener ? listener(message, cancellationToken) : ValueTask.CompletedTask;

    private sealed class Restore(Func<string, CancellationToken, ValueTask>? previous) : IDisposable
    {
        public void Dispose() => Listener.Value = previous;
    }
}
