using Microsoft.Extensions.AI;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>
/// Model-backed <see cref="IClarificationPolicy"/>. At the question cap it answers "search" without
/// asking the model; an empty question, a question without suggestions or an unusable reply is
/// replaced by the offline policy's decision.
/// </summary>
internal sealed class LlmClarificationPolicy(
    LlmCalls calls, ICatalogTaxonomy taxonomy, OfflineClarificationPolicy offline, LlmFallback fallback, ILogger<LlmClarificationPolicy> logger)
    : IClarificationPolicy
{
    public const string Operation = "clarify";
    private const int MaxSuggestions = 5;
    private static readonly ChatOptions JsonReply = new() { Temperature = 0, ResponseFormat = ChatResponseFormat.Json };

    public async Task<ClarifyingQuestion?> DecideAsync(ClarificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.QuestionsAskedThisSearch >= request.MaxQuestions)
        {
            return null;
        }

        var type = request.Spec.ProductType is { } name ? taxonomy.FindType(name) : null;
        var reply = await calls.CompleteAsync(Operation, Prompts.Clarification(request, type, taxonomy), JsonReply, cancellationToken).ConfigureAwait(false);
        if (reply is not null)
        {
            LlmLog.Reply(logger, Operation, reply);
        }

        if (reply is null || ModelJson.FindObject(reply) is not { } json)
        {
            await fallback.ReportAsync(Operation, reply is null ? "the model did not answer" : "no JSON object in the reply", request.Notices, cancellationToken).ConfigureAwait(false);
            return await offline.DecideAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (json.Has("ask", out var ask) && ModelJson.Flag(ask) == false)
        {
            return null;
        }

        var question = json.Has("question", out var q) ? ModelJson.String(q) : null;
        var suggestions = json.Has("suggestions", out var s)
            ? ModelJson.Strings(s).Where(x => x.Length <= 80).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxSuggestions).ToList()
            : [];
        if (question is null || suggestions.Count == 0)
        {
            await fallback.ReportAsync(Operation, "the question was empty or had no suggestions", request.Notices, cancellationToken).ConfigureAwait(false);
            return await offline.DecideAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var context = json.Has("context", out var c) && ModelJson.String(c) is { } given ? given : "details";
        return new ClarifyingQuestion(question, suggestions, context);
    }
}
