using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Downstream.Media;

/// <summary>
/// The media service over HTTP: <c>POST /transcribe</c> and <c>POST /extract-image-attributes</c>
/// with <c>{s3_key, content_type[, language]}</c>. Every failure becomes a
/// <see cref="MediaUnavailableException"/> with words a shopper can read; details go to the log.
/// </summary>
internal sealed class MediaServiceClient(
    IHttpClientFactory clients, IOptions<DownstreamOptions> options, OrchestratorMetrics metrics, ILogger<MediaServiceClient> logger) : IMediaService
{
    /// <summary>Two clients because a transcription may take a minute and an image read should not.</summary>
    public const string TranscribeClient = "media-transcribe";
    public const string ImageClient = "media-image";

    public bool IsConfigured => true;

    public async Task<Transcription> TranscribeAsync(string s3Key, string? contentType, string? language, CancellationToken cancellationToken)
    {
        var body = await PostAsync(TranscribeClient, options.Value.TranscribePath, new TranscribeRequest(s3Key, contentType, language ?? "en-US"),
            DownstreamJsonContext.Default.TranscribeResponse, "Your voice note couldn't be transcribed right now.", cancellationToken).ConfigureAwait(false);
        return new Transcription(body.Transcript ?? "", body.Confidence ?? 0, body.Language, body.DurationSeconds);
    }

    public async Task<ImageFindings> ExtractImageAttributesAsync(string s3Key, string? contentType, CancellationToken cancellationToken)
    {
        var body = await PostAsync(ImageClient, options.Value.ImageAttributesPath, new ImageRequest(s3Key, contentType),
            DownstreamJsonContext.Default.ImageAttributesResponse, "Your photo couldn't be analysed right now.", cancellationToken).ConfigureAwait(false);
        return new ImageFindings
        {
            Labels = body.Labels ?? [],
            Objects = body.Objects ?? [],
            Text = body.Text ?? [],
            DominantColors = body.DominantColors ?? [],
            Attributes = body.Attributes?.ToDictionary(a => a.Key, a => a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString()! : a.Value.GetRawText(), StringComparer.Ordinal) ?? [],
        };
    }

    private async Task<T> PostAsync<TRequest, T>(string client, string path, TRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> responseType, string failure, CancellationToken cancellationToken)
    {
        try
        {
            var http = clients.CreateClient(client);
            using var response = await http.PostAsJsonAsync(path, request, DownstreamJsonContext.Default.Options, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                DownstreamLog.CallFailed(logger, "media", path, (int)response.StatusCode);
                metrics.DownstreamCall("media", ok: false);
                throw new MediaUnavailableException(failure);
            }

            var body = await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("empty body");
            metrics.DownstreamCall("media", ok: true);
            return body;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            DownstreamLog.CallError(logger, ex, "media", path);
            metrics.DownstreamCall("media", ok: false);
            throw new MediaUnavailableException(failure, ex);
        }
    }
}

internal sealed record TranscribeRequest(string S3Key, string? ContentType, string Language);

internal sealed record ImageRequest(string S3Key, string? ContentType);

internal sealed record TranscribeResponse(string? Transcript, double? Confidence, string? Language, double? DurationSeconds);

internal sealed record ImageAttributesResponse(
    List<string>? Labels, List<string>? Objects, List<string>? Text, List<string>? DominantColors, Dictionary<string, JsonElement>? Attributes);
