// Fakes write JSON literals; their arrays are built once per request on purpose.
#pragma warning disable CA1861
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>
/// The media service as its own code defines it (main.py, models.py), on a real port:
/// <c>POST /api/v1/transcribe</c> takes <c>{audio_file: base64, language_code, …}</c>,
/// <c>POST /api/v1/extract-attributes</c> and <c>/api/v1/analyze-image</c> take
/// <c>{image_file: base64, analysis_types, max_labels, min_confidence}</c>. A missing required
/// field is pydantic's 422; a failed job is HTTP 200 with <c>status: "failed"</c> and
/// <c>error_message</c>; undecodable base64 and files over 50 MB are 500 with <c>detail</c>
/// (its HTTPException(400) is caught by its own catch-all).
/// </summary>
public sealed class MediaServiceFake : IAsyncDisposable
{
    public const string TranscribePath = "/api/v1/transcribe";
    public const string ImagePath = "/api/v1/extract-attributes";
    private const long MaxFileSize = 52428800;

    private readonly FakeHttpService _http;

    private MediaServiceFake(FakeHttpService http)
    {
        _http = http;
        http.Handler = HandleAsync;
    }

    public Uri BaseUri => _http.BaseUri;

    /// <summary>The transcript for the decoded audio; null makes the job fail (status "failed").</summary>
    public Func<byte[], string?> Transcribe { get; set; } = _ => "tablet under $550";

    /// <summary>When set, the image analysis fails with this error message (status "failed").</summary>
    public string? ImageFailure { get; set; }

    /// <summary>Delay before a job answers (transcription jobs take a while).</summary>
    public TimeSpan JobDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The decoded file of each job request, by path.</summary>
    public ConcurrentQueue<(string Path, byte[] File, JsonElement Body)> Jobs { get; } = new();

    public int Count(string path) => _http.Count(path);

    public static async Task<MediaServiceFake> StartAsync() => new(await FakeHttpService.StartAsync());

    private async Task HandleAsync(HttpContext context, string body)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/health")
        {
            await Write(context, 200, new { status = "ok", timestamp = DateTime.UtcNow, version = "1.0.0", aws_services = new Dictionary<string, string>() });
            return;
        }

        var field = path switch
        {
            TranscribePath => "audio_file",
            ImagePath or "/api/v1/analyze-image" => "image_file",
            _ => null,
        };
        if (field is null || !HttpMethods.IsPost(context.Request.Method))
        {
            await Write(context, 404, new { detail = "Not Found" });
            return;
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            await Write(context, 422, new { detail = new[] { new { type = "json_invalid", loc = new object[] { "body", 0 }, msg = "JSON decode error", input = new { } } } });
            return;
        }

        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(field, out var file) || file.ValueKind != JsonValueKind.String)
        {
            await Write(context, 422, new { detail = new[] { new { type = "missing", loc = new[] { "body", field }, msg = "Field required", input = json } } });
            return;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(file.GetString()!);
        }
        catch (FormatException ex)
        {
            await Write(context, 500, new { detail = ex.Message });
            return;
        }

        if (bytes.Length > MaxFileSize)
        {
            await Write(context, 500, new { detail = $"400: File size exceeds maximum limit of {MaxFileSize} bytes" });
            return;
        }

        Jobs.Enqueue((path, bytes, json));
        if (JobDelay > TimeSpan.Zero)
        {
            await Task.Delay(JobDelay, context.RequestAborted);
        }

        if (field == "audio_file")
        {
            var transcript = Transcribe(bytes);
            await Write(context, 200, transcript is null
                ? (object)new { transcription_id = Guid.NewGuid(), status = "failed", transcript = (string?)null, confidence = (double?)null, speakers = (object?)null, processing_time = 12.5, error_message = "Transcription job failed: unsupported media format" }
                : new { transcription_id = Guid.NewGuid(), status = "completed", transcript = (string?)transcript, confidence = (double?)0.94, speakers = (object?)Array.Empty<object>(), processing_time = 12.5, error_message = (string?)null });
            return;
        }

        await Write(context, 200, ImageFailure is { } failure
            ? (object)new { analysis_id = Guid.NewGuid(), status = "failed", labels = (object?)null, text_detections = (object?)null, objects = (object?)null, processing_time = 0.8, error_message = (string?)failure }
            : new
            {
                analysis_id = Guid.NewGuid(),
                status = "completed",
                labels = (object?)new[]
                {
                    new { name = "Electronics", confidence = 97.1, parents = Array.Empty<string>() },
                    new { name = "Tablet Computer", confidence = 99.2, parents = new[] { "Computer", "Electronics" } },
                },
                text_detections = (object?)new[] { new { text = "Galaxy Tab", confidence = 95.5, bounding_box = new { left = 0.1, top = 0.2, width = 0.3, height = 0.05 } } },
                objects = (object?)new[] { new { name = "Tablet", confidence = 91.0, bounding_box = new { left = 0.05, top = 0.1, width = 0.8, height = 0.7 } } },
                processing_time = 0.8,
                error_message = (string?)null,
            });
    }

    private static async Task Write(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}
