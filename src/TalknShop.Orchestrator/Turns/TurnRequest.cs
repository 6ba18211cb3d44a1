using TalknShop.Orchestrator.BuyerFlow;

namespace TalknShop.Orchestrator.Turns;

/// <summary>One user message waiting to be run as a turn.</summary>
/// <param name="ResumesInterrupted">True when re-running a turn a previous process did not finish.</param>
internal sealed record TurnRequest(TurnInput Input, string? ClientMessageId, bool ResumesInterrupted = false);

internal enum EnqueueResult
{
    Queued,
    Duplicate,
    QueueFull,
}

/// <summary>Why a running turn was cancelled.</summary>
internal enum CancelReason
{
    None,
    User,
    Shutdown,

    /// <summary>Another instance took the session's lease: the turn stops without writing anything more.</summary>
    LeaseLost,
}

/// <summary>The session store failed (unreachable, disk full, timed out) while a turn used it.</summary>
internal sealed class StoreUnavailableException(Exception inner) : Exception("The session store failed.", inner);
