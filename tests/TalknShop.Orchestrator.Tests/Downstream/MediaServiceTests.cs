using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TalknShop.Orchestrator.Downstream.Media;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Downstream;

/// <summary>The real media-service client against a fake service speaking its JSON on a real port.</summary>
public sealed class MediaServiceTests : IAsyncLifetime
{
    private const string Transcript = """{"transcript":"tablet under $550","confidence":0.94,"language":"en-US","duration_seconds":3.2}""";
    private const string ImageAttributes = """{"labels":["tablet","electronics"],"objects":["tablet"],"text":["Galaxy"],"dominant_colors":["black"],"attributes":{"brand":"Samsung","screen_inches":11}}""";

    private FakeHttpService _media = null!;

    public async Task InitializeAsync()
    {
        _media = await FakeHttpService.StartAsync();
        _media.Handler = (ctx, body) => ctx.Request.Path.Value switch
        {
            "/transcribe" => FakeHttpService.Json(Transcript)(ctx, body),
            "/extract-image-attributes" => FakeHttpService.Json(ImageAttributes)(ctx, body),
            "/health" => FakeHttpService.Json("""{"status":"ok"}""")(ctx, body),
            _ => FakeHttpService.Json("{}", 404)(ctx, body),
        };
    }

    public async Task DisposeAsync() => await _media.DisposeAsync();

    private OrchestratorHost Host(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["MEDIA_SERVICE_URL"] = _media.BaseUri.ToString(), ["HTTP_TIMEOUT"] = "1", ["MEDIA_TRANSCRIBE_TIMEOUT"] = "1" };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return new OrchestratorHost(settings, s => s.UseSimpleShopping());
    }

    [Fact]
    public async Task AudioAndImage_AreBothProcessed_AndFeedTheSpec()
    {
        await using var host = Host();
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("", media:
        [
            new { media_type = "audio", s3_key = "uploads/u1/note.m4a", content_type = "audio/mp4" },
            new { media_type = "image", s3_key = "uploads/u1/photo.jpg", content_type = "image/jpeg" },
        ]);
        var frames = await client.ReceiveUntilAsync(default, "done", "error", "clarification");

        var steps = frames.Where(f => f.Type() == "progress").Select(f => f.Data().GetProperty("step").GetString()).ToList();
        Assert.Equal(["ParseInput", "TranscribeAudio", "ExtractImageAttrs", "BuildRequirementSpec"], steps.Take(4));
        Assert.Equal("tablet", Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec").GetProperty("product_type").GetString());

        var transcribe = JsonDocument.Parse(_media.Requests.Single(r => r.Path == "/transcribe").Body).RootElement;
        Assert.Equal("uploads/u1/note.m4a", transcribe.GetProperty("s3_key").GetString());
        Assert.Equal("audio/mp4", transcribe.GetProperty("content_type").GetString());
        Assert.Equal("en-US", transcribe.GetProperty("language").GetString());
        var image = JsonDocument.Parse(_media.Requests.Single(r => r.Path == "/extract-image-attributes").Body).RootElement;
        Assert.Equal("uploads/u1/photo.jpg", image.GetProperty("s3_key").GetString());
    }

    [Fact]
    public async Task ImageAttributes_MapAllFields()
    {
        await using var host = Host();
        var findings = await host.Get<IMediaService>().ExtractImageAttributesAsync("k", "image/jpeg", default);

        Assert.Equal(["tablet", "electronics"], findings.Labels);
        Assert.Equal(["black"], findings.DominantColors);
        Assert.Equal("Samsung", findings.Attributes["brand"]);
        Assert.Equal("11", findings.Attributes["screen_inches"]);
    }

    public static TheoryData<string> Failures => new() { "500", "slow", "malformed" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailingMediaService_TurnStillAnswersTheText(string failure)
    {
        _media.Handler = failure switch
        {
            "500" => FakeHttpService.Json("""{"detail":"boom"}""", 500),
            "slow" => async (ctx, _) => { await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted); },
            _ => FakeHttpService.Json("""{"transcript": tablet"""),
        };
        await using var host = Host(new() { ["HTTP_MAX_RETRIES"] = "1" });
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        var clock = Stopwatch.StartNew();
        await client.SendMessageAsync("laptop under $900", media: [new { media_type = "audio", s3_key = "uploads/u1/note.m4a" }]);
        var frames = await client.ReceiveUntilAsync(default, "done", "error");

        Assert.Equal("done", frames[^1].Type());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        var answer = string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));
        Assert.Contains("couldn't be transcribed", answer, StringComparison.Ordinal);
        Assert.Equal("laptop", Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec").GetProperty("product_type").GetString());
        if (failure != "malformed")
        {
            Assert.Equal(2, _media.Count("/transcribe"));
        }
    }

    [Fact]
    public async Task ConnectionRefused_IsAClearNote()
    {
        await using var host = new OrchestratorHost(
            new Dictionary<string, string?> { ["MEDIA_SERVICE_URL"] = "http://127.0.0.1:9", ["HTTP_TIMEOUT"] = "1", ["HTTP_MAX_RETRIES"] = "0" }, s => s.UseSimpleShopping());

        var ex = await Assert.ThrowsAsync<MediaUnavailableException>(() => host.Get<IMediaService>().ExtractImageAttributesAsync("k", null, default));
        Assert.Equal("Your photo couldn't be analysed right now.", ex.Message);
    }

    [Fact]
    public async Task Circuit_OpensAfterFailures_AndClosesAgain()
    {
        _media.Handler = FakeHttpService.Json("{}", 503);
        await using var host = Host(new() { ["HTTP_MAX_RETRIES"] = "0", ["HTTP_CIRCUIT_BREAK_SECONDS"] = "1" });
        var media = host.Get<IMediaService>();

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<MediaUnavailableException>(() => media.ExtractImageAttributesAsync("k", null, default));
        }

        var reached = _media.Count("/extract-image-attributes");
        Assert.True(reached < 10, $"the open circuit should stop calls reaching the service ({reached} of 10 did)");

        _media.Handler = FakeHttpService.Json(ImageAttributes);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var findings = await media.ExtractImageAttributesAsync("k", null, default);
        Assert.Contains("tablet", findings.Labels);
    }

    [Fact]
    public async Task Health_ReportsMediaService_DegradedWhenDown()
    {
        await using var host = Host();
        using var http = host.CreateHttpClient();
        var up = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative))).RootElement;
        Assert.Equal("healthy", up.GetProperty("checks").GetProperty("media_service").GetProperty("status").GetString());

        _media.Handler = FakeHttpService.Json("{}", 503);
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var down = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", down.GetProperty("status").GetString());
        Assert.Equal("degraded", down.GetProperty("checks").GetProperty("media_service").GetProperty("status").GetString());
    }
}
