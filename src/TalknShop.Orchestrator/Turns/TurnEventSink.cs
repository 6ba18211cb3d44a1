using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns.Events;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Turns;

/// <summary>
/// The one place where workflow events become wire events of a turn. A clarifying question is
/// not sent here: it ends the turn, so the processor commits it together with the paused state.
/// </summary>
internal sealed class TurnEventSink(SessionEventLog log, string turnId) : IFlowEventSink
{
    private readonly HashSet<string> _notices = new(StringComparer.Ordinal);
    private ProgressData? _lastProgress;

    /// <summary>The question the flow paused on, to be sent as the turn's terminal event.</summary>
    public ClarificationData? Question { get; private set; }

    /// <summary>
    /// A store failure met while publishing: kept because the understanding layer or a node might
    /// catch it on its way out, and the turn must still end as a store failure.
    /// </summary>
    public StoreUnavailableException? StoreFailure { get; private set; }

    /// <summary>The session's lease was lost while publishing (kept for the same reason as <see cref="StoreFailure"/>).</summary>
    public SessionLeaseLostException? LeaseLost { get; private set; }

    public async ValueTask ProgressAsync(string step, string stage, string message, CancellationToken cancellationToken)
    {
        _lastProgress = new ProgressData(step, stage, message);
        await PublishAsync(_lastProgress).ConfigureAwait(false);
    }

    /// <summary>
    /// A note from the understanding layer (see <see cref="IUnderstandingNotices"/>) or a media step, sent as a
    /// <c>progress</c> event of the node that raised it; the same note is sent once per turn.
    /// </summary>
    public async ValueTask NoticeAsync(string message, CancellationToken cancellationToken)
    {
        if (_lastProgress is { } last && _notices.Add(message))
        {
            await PublishAsync(last with { Message = message }).ConfigureAwait(false);
        }
    }

    public async ValueTask TokenAsync(string content, bool isComplete, CancellationToken cancellationToken) =>
        await PublishAsync(new TokenData(content, isComplete)).ConfigureAwait(false);

    public ValueTask ClarificationAsync(ClarifyingQuestion question, CancellationToken cancellationToken)
    {
        Question = ToWire(question);
        return ValueTask.CompletedTask;
    }

    public async ValueTask ResultsAsync(SearchResults results, CancellationToken cancellationToken) =>
        await PublishAsync(
            new ResultsData(results)).ConfigureAwait(false);

    /// <summary>
    /// The only place a <see cref="ClarifyingQuestion"/> becomes its wire form (the terminal
    /// <c>clarification</c> event and the <c>connected</c> frame's pending question): everything but
    /// its <see cref="ClarifyingQuestion.Answers"/>, which stay in the saved state.
    /// </summary>
    public static ClarificationData ToWire(ClarifyingQuestion question) => new(question.Question, question.Suggestions, question.Context);

    private async Task PublishAsync(EventData data)
    {
        try
        {
            await log.PublishAsync(data, turnId).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            StoreFailure ??= ex;
            throw;
        }
        catch (SessionLeaseLostException ex)
        {
            LeaseLost ??= ex;
            throw;
        }
    }
}
