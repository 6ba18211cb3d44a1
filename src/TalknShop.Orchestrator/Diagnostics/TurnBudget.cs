namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// The time left in the current turn (<c>WS_MESSAGE_TIMEOUT</c>), for the steps that wait on
/// something remote: model calls, media jobs and catalog searches each take at most a share of
/// what is left, so that however slow they are the turn still ends with an answer (from the
/// fallback if need be) instead of <c>turn_timeout</c>. Ambient (an <see cref="AsyncLocal{T}"/>
/// set by the turn) because the steps are several layers below it and know nothing of turns.
/// </summary>
internal sealed class TurnBudget
{
    private static readonly AsyncLocal<TurnBudget?> Current = new();

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _deadline;
    private readonly TimeSpan _reserve;

    private TurnBudget(TimeProvider time, TimeSpan limit)
    {
        _time = time;
        _deadline = time.GetUtcNow() + limit;
        // Kept back for what follows the last remote step: the fallback, ranking, saving.
        _reserve = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, limit.Ticks / 20));
    }

    /// <summary>Starts the budget of a turn for the calling async flow; dispose to end it.</summary>
    public static IDisposable Start(TimeProvider time, TimeSpan limit)
    {
        var previous = Current.Value;
        Current.Value = new TurnBudget(time, limit);
        return new Restore(previous);
    }

    /// <summary>
    /// How long a step may take now: its own limit, or <paramref name="share"/> of what is left of
    /// the turn (after the reserve) when that is less. <see cref="TimeSpan.Zero"/> means no time
    /// is left and the step should not start. Outside a turn the step's own limit applies.
    /// </summary>
    public static TimeSpan For(TimeSpan own, double share = 1)
    {
        if (Current.Value is not { } budget)
        {
            return own;
        }

        var left = budget._deadline - budget._time.GetUtcNow() - budget._reserve;
        if (left <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var allowed = left * Math.Clamp(share, 0, 1);
        return own != Timeout.InfiniteTimeSpan && own < allowed ? own : allowed;
    }

    private sealed class Restore(TurnBudget? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
