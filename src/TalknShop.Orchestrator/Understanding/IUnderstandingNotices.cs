namespace TalknShop.Orchestrator.Understanding;

/// <summary>
/// Where the understanding layer tells the shopper how a step was done ("the language model was
/// unavailable, so I used my built-in understanding"). Each request carries one: the flow passes
/// its event sink, which sends a notice as a <c>progress</c> event of the running step.
/// </summary>
public interface IUnderstandingNotices
{
    ValueTask NoticeAsync(string message, CancellationToken cancellationToken);

    /// <summary>Drops every notice: for a request made outside a turn (evaluations, benchmarks).</summary>
    public static IUnderstandingNotices None { get; } = new Dropped();

    private sealed class Dropped : IUnderstandingNotices
    {
        public ValueTask NoticeAsync(string message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
