namespace TalknShop.Orchestrator.Downstream.Media;

// The media service's wire shapes, as its own models define them (models.py). Files travel as
// base64 in the JSON body (System.Text.Json writes a byte[] as base64).

/// <summary><c>AudioTranscriptionRequest</c>: <c>{audio_file, language_code}</c>.</summary>
internal sealed record TranscribeRequest(byte[] AudioFile, string LanguageCode);

/// <summary><c>ImageAnalysisRequest</c>: <c>{image_file, analysis_types}</c> (the service's defaults for the rest).</summary>
internal sealed record ImageRequest(byte[] ImageFile, List<string> AnalysisTypes);

/// <summary><c>AudioTranscriptionResponse</c>. A failed job is HTTP 200 with <c>status: "failed"</c>.</summary>
internal sealed record TranscribeResponse(string? Status, string? Transcript, double? Confidence, string? ErrorMessage, double? ProcessingTime);

/// <summary><c>ImageAnalysisResponse</c>: labels and objects with confidence, text detections.</summary>
internal sealed record ImageAnalysisResponse(
    string? Status, List<NamedDetection>? Labels, List<TextDetection>? TextDetections, List<NamedDetection>? Objects, string? ErrorMessage);

internal sealed record NamedDetection(string? Name, double? Confidence, List<string>? Parents);

internal sealed record TextDetection(string? Text, double? Confidence);
