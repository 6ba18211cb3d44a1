using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Llm;

/// <summary>Counts the tokens each response reports (streamed usage arrives in a late update).</summary>
internal sealed class TokenCountingChatClient(IChatClient inner, OrchestratorMetrics metrics) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Record(response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                Record(usage.Details);
            }

            yield return update;
        }
    }

    private void Record(UsageDetails? usage)
    {
        if (usage is not null)
        {
            metrics.LlmTokens(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        }
    }
}
