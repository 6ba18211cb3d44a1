using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Turns;

/// <summary>The one place where workflow events become wire events of a turn.</summary>
internal sealed class TurnEventSink(SessionHub hub, string turnId) : IFlowEventSink
{
    private readonly HashSet<string> _notices = new(StringComparer.Ordinal);
    private ProgressData? _lastProgress;

    public async ValueTask ProgressAsync(string step, string stage, string message, CancellationToken cancellationToken)
    {
        _lastProgress = new ProgressData(step, stage, message);
        await hub.PublishAsync(EventTypes.Progress, _lastProgress, turnId).ConfigureAwait(false);
    }

    /// <summary>
    /// A note from the understanding layer (see <see cref="UnderstandingNotices"/>), sent as a
    /// <c>progress</c> event of the node that raised it; the same note is sent once per turn.
    /// </summary>
    public async ValueTask NoticeAsync(string message, CancellationToken cancellationToken)
    {
        if (_lastProgress is { } last && _notices.Add(message))
        {
            await hub.PublishAsync(EventTypes.Progress, last with { Message = message }, turnId).ConfigureAwait(false);
        }
    }

    public async ValueTask TokenAsync(string content, bool isComplete, CancellationToken cancellationToken) =>
        await hub.PublishAsync(EventTypes.Token, new TokenData(content, isComplete), turnId).ConfigureAwait(false);

    public async ValueTask ClarificationAsync(ClarifyingQuestion question, CancellationToken cancellationToken) =>
        await hub.PublishAsync(EventTypes.Clarification, ToWire(question), turnId).ConfigureAwait(false);

    public async ValueTask ResultsAsync(SearchResults results, CancellationToken cancellationToken) =>
        await hub.PublishAsync(
            EventTypes.Results,
            new ResultsData(results.Products, results.TotalCount, results.RequirementSpec, results.FinalResponse, results.MarketplacesSearched, results.FailedSources),
            turnId).ConfigureAwait(false);

    public static ClarificationData ToWire(ClarifyingQuestion question) => new(question.Question, question.Suggestions, question.Context);
}
