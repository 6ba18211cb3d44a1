using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Downstream.Media;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>Reads attributes from every image attachment and merges them; failures become notes.</summary>
internal sealed class ExtractImageAttrsNode(IMediaService media) : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.ExtractImageAttrs;
    public string Stage => Stages.MediaProcessing;
    public string Describe(FlowState state) => "Looking at your photo…";

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var findings = state.Media ?? new MediaFindings();
        var notes = new List<string>(findings.Notes);
        ImageFindings? merged = findings.Image;
        foreach (var image in state.Input!.Media.Where(m => m.MediaType == "image"))
        {
            try
            {
                var result = await media.ExtractImageAttributesAsync(image.S3Key, image.ContentType, cancellationToken).ConfigureAwait(false);
                merged = merged is null ? result : Merge(merged, result);
            }
            catch (MediaUnavailableException ex)
            {
                // Told now as well as in the answer: the turn may end in a question or an error instead.
                notes.Add(ex.Message);
                await sink.NoticeAsync(ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        return NodeResult<FlowState>.Next(state with { Media = findings with { Image = merged, Notes = notes } });
    }

    private static ImageFindings Merge(ImageFindings a, ImageFindings b) => new()
    {
        Labels = [.. a.Labels.Union(b.Labels, StringComparer.OrdinalIgnoreCase)],
        Objects = [.. a.Objects.Union(b.Objects, StringComparer.OrdinalIgnoreCase)],
        Text = [.. a.Text.Union(b.Text, StringComparer.Ordinal)],
        DominantColors = [.. a.DominantColors.Union(b.DominantColors, StringComparer.OrdinalIgnoreCase)],
        Attributes = new Dictionary<string, string>(b.Attributes.Concat(a.Attributes).DistinctBy(p => p.Key, StringComparer.Ordinal), StringComparer.Ordinal),
    };
}
