using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Downstream.Media;

/// <summary>
/// The media service over HTTP: the attachment is read from S3 and sent base64-encoded to
/// <c>POST /api/v1/transcribe</c> or <c>POST /api/v1/extract-attributes</c>. Every failure —
/// storage, HTTP, a job answered <c>status: "failed"</c> — becomes a
/// <see cref="MediaUnavailableException"/> whose message tells the shopper what happened in plain
/// words; the operator's version goes to the log, <c>/health</c> and <c>/metrics</c>.
/// </summary>
internal sealed class MediaServiceClient(
    IHttpClientFactory clients, MediaObjectStore store, IOptions<DownstreamOptions> options, OrchestratorMetrics metrics,
    DependencyStatus status, TimeProvider time, ILogger<MediaServiceClient> logger) : IMediaService
{
    /// <summary>Two clients because a transcription may take minutes and an image read should not.</summary>
    public const string TranscribeClient = "media-transcribe";
    public const string ImageClient = "media-image";
    public const string Dependency = "media";


    public async Task<Transcription> TranscribeAsync(string s3Key, string? contentType, string? language, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var words = new Words("voice note", "transcribed");
        var body = await CallAsync(TranscribeClient, settings.TranscribePath, s3Key, bytes => new TranscribeRequest(bytes, language ?? "en-US"),
            DownstreamJsonContext.Default.TranscribeRequest, DownstreamJsonContext.Default.TranscribeResponse, r => (r.Status, r.ErrorMessage),
            TimeSpan.FromSeconds(settings.TranscribeTimeoutSeconds), share: 0.5, words, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body.Transcript))
        {
            // The service did its job; a recording without words is not a failure of it.
            metrics.Fallback(Dependency, "empty_transcript");
            throw new MediaUnavailableException("I couldn't make out any words in your voice note, so I went by your text.");
        }

        return new Transcription(body.Transcript.Trim(), body.Confidence ?? 0, language ?? "en-US", DurationSeconds: null);
    }

    public async Task<ImageFindings> ExtractImageAttributesAsync(string s3Key, string? contentType, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var words = new Words("photo", "analysed");
        var body = await CallAsync(ImageClient, settings.ImageAttributesPath, s3Key, bytes => new ImageRequest(bytes, ["labels", "text", "objects"]),
            DownstreamJsonContext.Default.ImageRequest, DownstreamJsonContext.Default.ImageAnalysisResponse, r => (r.Status, r.ErrorMessage),
            TimeSpan.FromSeconds(settings.ImageTimeoutSeconds), share: 1.0 / 3, words, cancellationToken).ConfigureAwait(false);
        return new ImageFindings
        {
            Labels = Names(body.Labels),
            Objects = Names(body.Objects),
            Text = [.. (body.TextDetections ?? []).Select(t => t.Text?.Trim()).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>Names, most confident first, each once.</summary>
    private static List<string> Names(List<NamedDetection>? detections) =>
        [.. (detections ?? []).Where(d => !string.IsNullOrWhiteSpace(d.Name)).OrderByDescending(d => d.Confidence ?? 0)
            .Select(d => d.Name!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        string client, string path, string s3Key, Func<byte[], TRequest> request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        Func<TResponse, (string? Status, string? Error)> outcome, TimeSpan own, double share, Words words, CancellationToken cancellationToken)
    {
        var budget = TurnBudget.For(own, share);
        if (budget <= TimeSpan.Zero)
        {
            Failed("turn_budget", "No time was left in the turn for the media service.");
            throw new MediaUnavailableException($"I ran out of time before your {words.What} could be {words.Done}.");
        }

        using var timeout = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var bytes = await store.ReadAsync(s3Key, linked.Token).ConfigureAwait(false);
            var http = clients.CreateClient(client);
            using var response = await http.PostAsJsonAsync(path, request(bytes), requestType, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                DownstreamLog.CallFailed(logger, Dependency, path, code);
                var error = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                Failed(ServiceErrors.Code(code), ServiceErrors.Describe("media service", code, error));
                throw new MediaUnavailableException($"Your {words.What} couldn't be {words.Done} right now (the media service had a problem), so I went by your text.");
            }

            var body = await response.Content.ReadFromJsonAsync(responseType, linked.Token).ConfigureAwait(false) ?? throw new JsonException("empty body");
            var (state, message) = outcome(body);
            if (!string.Equals(state, "completed", StringComparison.OrdinalIgnoreCase))
            {
                // The service answers 200 with status "failed" when the job itself failed.
                Failed("job_failed", $"The media service reported the job for {s3Key} as {state ?? "missing a status"}{(message is null ? "" : ": " + message)}");
                throw new MediaUnavailableException($"Your {words.What} couldn't be {words.Done}: the media service reported that processing failed.");
            }

            metrics.DownstreamCall(Dependency, ok: true);
            status.Succeeded(Dependency);
            return body;
        }
        catch (MediaFetchException ex)
        {
            Failed(ex.Code, ex.Message);
            throw new MediaUnavailableException(ex.Code switch
            {
                "not_found" => $"I couldn't find your {words.What} in storage (the upload may not have finished or has expired). Please send it again.",
                "too_large" => $"Your {words.What} is too large for me to process (the limit is {options.Value.MediaMaxBytes / (1024 * 1024)} MB).",
                _ => $"Your {words.What} couldn't be read from storage right now, so I went by your text.",
            }, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            DownstreamLog.CallError(logger, ex, Dependency, path);
            var timedOut = ex is OperationCanceledException or Polly.Timeout.TimeoutRejectedException;
            Failed(timedOut ? "timeout" : ex is JsonException ? "invalid_response" : ex is Polly.CircuitBreaker.BrokenCircuitException ? "circuit_open" : "connection",
                timedOut ? $"The media service did not finish within {budget.TotalSeconds:0.#} s." : $"The media service call failed ({ex.GetType().Name}).");
            throw new MediaUnavailableException(timedOut
                ? $"Your {words.What} took too long to be {words.Done}, so I went by your text."
                : $"Your {words.What} couldn't be {words.Done} right now, so I went by your text.", ex);
        }
    }

    private void Failed(string code, string reason)
    {
        DownstreamLog.MediaFailed(logger, Dependency, reason);
        metrics.DownstreamCall(Dependency, ok: false);
        metrics.Fallback(Dependency, code);
        status.Failed(Dependency, reason);
    }

    private sealed record Words(string What, string Done);
}
