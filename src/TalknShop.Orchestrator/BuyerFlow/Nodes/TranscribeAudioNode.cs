using TalknShop.Orchestrator.BuyerFlow.Engine;
using TalknShop.Orchestrator.Downstream.Media;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow.Nodes;

/// <summary>Transcribes every audio attachment; a failure becomes a note and the text still goes through.</summary>
internal sealed class TranscribeAudioNode(IMediaService media) : IFlowNode<FlowState, IFlowEventSink>
{
    public string Name => NodeNames.TranscribeAudio;
    public string Stage => Stages.MediaProcessing;
    public string Describe(FlowState state) => "Listening to your voice note…";

    public async ValueTask<NodeResult<FlowState>> RunAsync(FlowState state, IFlowEventSink sink, CancellationToken cancellationToken)
    {
        var findings = state.Media ?? new MediaFindings();
        var transcripts = new List<string>();
        var notes = new List<string>(findings.Notes);
        foreach (var audio in state.Input!.Media.Where(m => m.MediaType == "audio"))
        {
            try
            {
                var result = await media.TranscribeAsync(audio.S3Key, audio.ContentType, language: null, cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrWhiteSpace(result.Transcript))
                {
                    transcripts.Add(result.Transcript.Trim());
                }
            }
            catch (MediaUnavailableException ex)
            {
                // Told now as well as in the answer: the turn may end in a question or an error instead.
                notes.Add(ex.Message);
                await sink.NoticeAsync(ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        var transcript = transcripts.Count > 0 ? string.Join(" ", transcripts) : findings.Transcript;
        return NodeResult<FlowState>.Next(state with { Media = findings with { Transcript = transcript, Notes = notes } });
    }
}
