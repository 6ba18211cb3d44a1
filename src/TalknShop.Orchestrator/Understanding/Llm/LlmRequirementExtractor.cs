using Microsoft.Extensions.AI;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>
/// Model-backed <see cref="IRequirementExtractor"/>. The model's JSON is repaired against the
/// taxonomy (<see cref="SpecRepair"/>); when the model fails or nothing in its reply parses, the
/// offline extractor answers instead. Never throws for what the model says.
/// </summary>
internal sealed class LlmRequirementExtractor(
    LlmCalls calls, ICatalogTaxonomy taxonomy, OfflineRequirementExtractor offline, LlmFallback fallback, ILogger<LlmRequirementExtractor> logger)
    : IRequirementExtractor
{
    public const string Operation = "extract";
    private static readonly ChatOptions JsonReply = new() { Temperature = 0, ResponseFormat = ChatResponseFormat.Json };

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await calls.CompleteAsync(Operation, Prompts.Extraction(request, taxonomy), JsonReply, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            await fallback.ReportAsync(Operation, "the model did not answer", request.Notices, cancellationToken).ConfigureAwait(false);
            return await offline.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
        }

        LlmLog.Reply(logger, Operation, reply);
        if (ModelJson.FindObject(reply) is not { } json)
        {
            await fallback.ReportAsync(Operation, "no JSON object in the reply", request.Notices, cancellationToken).ConfigureAwait(false);
            return await offline.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return SpecRepair.Read(json, request.CurrentSpec, taxonomy);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // SpecRepair checks every value it reads; this only guards against a case it missed.
            await fallback.ReportAsync(Operation, "the JSON could not be repaired: " + ex.GetType().Name, request.Notices, cancellationToken).ConfigureAwait(false);
            return await offline.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
