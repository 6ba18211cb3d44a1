using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Downstream.Media;

/// <summary>Speech to text and image attributes for uploaded media (the media service).</summary>
public interface IMediaService
{
    Task<Transcription> TranscribeAsync(string s3Key, string? contentType, string? language, CancellationToken cancellationToken);

    Task<ImageFindings> ExtractImageAttributesAsync(string s3Key, string? contentType, CancellationToken cancellationToken);
}

public sealed record Transcription(string Transcript, double Confidence, string? Language, double? DurationSeconds);

/// <summary>The media service could not process an attachment; <see cref="Exception.Message"/> is safe to show.</summary>
public sealed class MediaUnavailableException : Exception
{
    public MediaUnavailableException() { }
    public MediaUnavailableException(string message) : base(message) { }
    public MediaUnavailableException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Used when <c>MEDIA_SERVICE_URL</c> is not set.</summary>
internal sealed class UnconfiguredMediaService : IMediaService
{
    public Task<Transcription> TranscribeAsync(string s3Key, string? contentType, string? language, CancellationToken cancellationToken) =>
        throw new MediaUnavailableException("Voice notes can't be processed here because no media service is configured.");

    public Task<ImageFindings> ExtractImageAttributesAsync(string s3Key, string? contentType, CancellationToken cancellationToken) =>
        throw new MediaUnavailableException("Photos can't be analysed here because no media service is configured.");
}
