using System.Net;
using System.Text.Json;
using TalknShop.Orchestrator.Downstream.Media;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>
/// The real media client: attachments read from a real S3-API server (s3rver) and sent base64 to
/// a fake media service that follows the service's own code (routes, bodies, failure shapes).
/// </summary>
public sealed class MediaServiceTests : IAsyncLifetime
{
    private static readonly byte[] Audio = [.. "ID3-fake-mp3-bytes-"u8, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))];
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 13))];

    private readonly S3rverServer _s3 = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private MediaServiceFake _media = null!;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        _media = await MediaServiceFake.StartAsync();
        await _s3.PutAsync("uploads/u1/note.m4a", Audio, "audio/mp4");
        await _s3.PutAsync("uploads/u1/photo.jpg", Photo, "image/jpeg");
    }

    public async Task DisposeAsync()
    {
        await _media.DisposeAsync();
        await _s3.DisposeAsync();
        _timeout.Dispose();
    }

    private OrchestratorHost Host(Dictionary<string, string?>? extra = null)
    {
        var settings = _s3.Settings();
        settings["MEDIA_SERVICE_URL"] = _media.BaseUri.ToString();
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return new OrchestratorHost(settings, s => s.UseSimpleShopping());
    }

    private async Task<List<JsonElement>> TurnAsync(OrchestratorHost host, string text, params object[] media)
    {
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: _timeout.Token);
        await using var __ = client;
        await client.SendMessageAsync(text, media: media, cancellationToken: _timeout.Token);
        return await client.ReceiveUntilAsync(_timeout.Token, "done", "error", "clarification");
    }

    private static string Answer(List<JsonElement> frames) =>
        string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));

    private static object AudioNote => new { media_type = "audio", s3_key = "uploads/u1/note.m4a", content_type = "audio/mp4" };

    [Fact]
    public async Task AudioAndImage_AreReadFromS3_AndSentAsBase64ToTheServiceRoutes()
    {
        await using var host = Host();

        var frames = await TurnAsync(host, "", AudioNote, new { media_type = "image", s3_key = "uploads/u1/photo.jpg", content_type = "image/jpeg" });

        var steps = frames.Where(f => f.Type() == "progress").Select(f => f.Data().GetProperty("step").GetString()).ToList();
        Assert.Equal(["ParseInput", "TranscribeAudio", "ExtractImageAttrs", "BuildRequirementSpec"], steps.Distinct().Take(4));
        Assert.Equal("tablet", Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec").GetProperty("product_type").GetString());
        var transcribe = Assert.Single(_media.Jobs, j => j.Path == MediaServiceFake.TranscribePath);
        Assert.Equal(Audio, transcribe.File);
        Assert.Equal("en-US", transcribe.Body.GetProperty("language_code").GetString());
        Assert.Equal(Photo, Assert.Single(_media.Jobs, j => j.Path == MediaServiceFake.ImagePath).File);
    }

    [Fact]
    public async Task ImageAnalysis_MapsLabelsObjectsAndTextDetections()
    {
        await using var host = Host();

        var findings = await host.Get<IMediaService>().ExtractImageAttributesAsync("uploads/u1/photo.jpg", "image/jpeg", _timeout.Token);

        Assert.Equal(["Tablet Computer", "Electronics"], findings.Labels);
        Assert.Equal(["Tablet"], findings.Objects);
        Assert.Equal(["Galaxy Tab"], findings.Text);
    }

    [Fact]
    public async Task FailedTranscriptionJob_IsToldToTheShopper_NotRetried_AndShowsOnHealthAndMetrics()
    {
        _media.Transcribe = _ => null;
        await using var host = Host();

        var frames = await TurnAsync(host, "laptop under $900", AudioNote);

        Assert.Equal("done", frames[^1].Type());
        Assert.Contains("couldn't be transcribed", Answer(frames), StringComparison.Ordinal);
        Assert.Equal("laptop", Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal(1, _media.Count(MediaServiceFake.TranscribePath));

        using var http = host.CreateHttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        var check = health.GetProperty("checks").GetProperty("media_service");
        Assert.Equal("degraded", check.GetProperty("status").GetString());
        Assert.Contains("failed: Transcription job failed: unsupported media format", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        var metrics = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;
        Assert.Equal(1, metrics.GetProperty("fallbacks").GetProperty("media").GetProperty("job_failed").GetInt64());
    }

    [Fact]
    public async Task FailedPhoto_WhenTheTurnEndsInAQuestion_TheQuestionSaysSo()
    {
        _media.ImageFailure = "Rekognition: InvalidImageFormatException";
        await using var host = Host();

        var frames = await TurnAsync(host, "I need a laptop", new { media_type = "image", s3_key = "uploads/u1/photo.jpg" });

        var question = frames[^1];
        Assert.Equal("clarification", question.Type());
        Assert.StartsWith("Your photo couldn't be analysed", question.Data().GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.Contains(frames, f => f.Type() == "progress" && f.Data().GetProperty("message").GetString()!.StartsWith("Your photo couldn't be analysed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingObject_IsAClearNote_AndTheServiceIsNotCalled()
    {
        await using var host = Host();

        var frames = await TurnAsync(host, "laptop under $900", new { media_type = "audio", s3_key = "uploads/u1/never-uploaded.m4a" });

        Assert.Equal("done", frames[^1].Type());
        Assert.Contains("couldn't find your voice note in storage", Answer(frames), StringComparison.Ordinal);
        Assert.Equal(0, _media.Count(MediaServiceFake.TranscribePath));
    }

    [Fact]
    public async Task ObjectOverTheSizeLimit_IsNotSent_AndTheShopperIsTold()
    {
        await using var host = Host(new() { ["MEDIA_MAX_FILE_BYTES"] = "1000" });

        var frames = await TurnAsync(host, "laptop under $900", AudioNote);

        Assert.Equal("done", frames[^1].Type());
        Assert.Contains("too large", Answer(frames), StringComparison.Ordinal);
        Assert.Equal(0, _media.Count(MediaServiceFake.TranscribePath));
    }

    [Fact]
    public async Task ServerError_IsNotRetried_BecauseEachPostStartsAPaidJob()
    {
        await using var host = Host(new() { ["HTTP_MAX_RETRIES"] = "2", ["S3_BUCKET_NAME"] = S3rverServer.Bucket });
        var media = host.Get<IMediaService>();
        _media.Transcribe = _ => throw new InvalidOperationException("boom"); // the fake's handler fails: Kestrel answers 500

        var ex = await Assert.ThrowsAsync<MediaUnavailableException>(() => media.TranscribeAsync("uploads/u1/note.m4a", "audio/mp4", null, _timeout.Token));

        Assert.Contains("couldn't be transcribed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _media.Count(MediaServiceFake.TranscribePath));
    }

    [Fact]
    public async Task SlowTranscription_EndsInsideTheTurnBudget_WithAnAnswer()
    {
        _media.JobDelay = TimeSpan.FromSeconds(30);
        await using var host = Host(new() { ["WS_MESSAGE_TIMEOUT"] = "5" });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var frames = await TurnAsync(host, "laptop under $900", AudioNote);

        Assert.Equal("done", frames[^1].Type());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains("took too long", Answer(frames), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ReportsMediaService_DegradedWhenDown()
    {
        await using var host = Host();
        using var http = host.CreateHttpClient();
        var up = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        Assert.Equal("healthy", up.GetProperty("checks").GetProperty("media_service").GetProperty("status").GetString());

        await _media.DisposeAsync();
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var down = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", down.GetProperty("checks").GetProperty("media_service").GetProperty("status").GetString());
        _media = await MediaServiceFake.StartAsync();
    }
}
