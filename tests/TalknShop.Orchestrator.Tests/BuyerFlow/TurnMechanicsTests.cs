using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Downstream.Media;
using TalknShop.Orchestrator.Tests.Infrastructure;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Tests.BuyerFlow;

/// <summary>Turn mechanics over a real socket with deterministic understanding doubles.</summary>
public sealed class TurnMechanicsTests
{
    [Fact]
    public async Task VagueRequest_AsksThenAnswerResumesAtBuildRequirementSpec()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("I want a laptop");
        var first = await client.ReceiveUntilAsync(default, "clarification", "done");
        var question = first[^1];
        Assert.Equal("clarification", question.Type());
        Assert.Equal("What's your budget?", question.Data().GetProperty("question").GetString());
        Assert.Equal(2, question.Data().GetProperty("suggestions").GetArrayLength());
        Assert.DoesNotContain(first, f => f.Type() == "done");

        await client.SendMessageAsync("Under $700");
        var second = await client.ReceiveUntilAsync(default, "done");
        var steps = second.Where(f => f.Type() == "progress").Select(f => f.Data().GetProperty("step").GetString()).ToList();
        Assert.Equal(["BuildRequirementSpec", "SearchMarketplaces", "RankAndCompose", "Done"], steps);
        var spec = Assert.Single(second, f => f.Type() == "results").Data().GetProperty("requirement_spec");
        Assert.Equal("laptop", spec.GetProperty("product_type").GetString());
        Assert.Equal(700m, spec.GetProperty("price").GetProperty("max").GetDecimal());
        ProtocolAssert.NoInternalText(first.Concat(second));
    }

    [Fact]
    public async Task Clarifications_StopAtCap_ThenSearch()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["MAX_CLARIFICATION_LOOPS"] = "2" }, s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("hello");
        Assert.Equal("clarification", (await client.ReceiveUntilAsync(default, "clarification", "done"))[^1].Type());
        await client.SendMessageAsync("something nice");
        Assert.Equal("clarification", (await client.ReceiveUntilAsync(default, "clarification", "done"))[^1].Type());
        await client.SendMessageAsync("no idea");
        var third = await client.ReceiveUntilAsync(default, "clarification", "done");

        Assert.Equal("done", third[^1].Type());
        Assert.Single(third, f => f.Type() == "results");
    }

    [Fact]
    public async Task Cancel_DuringSearch_EndsWithDoneCancelled()
    {
        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping(gated));
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900");
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await client.SendJsonAsync(new { type = "cancel" });
        var frames = await client.ReceiveUntilAsync(default, "done", "error");

        Assert.Equal("cancelled", frames[^1].Data().GetProperty("status").GetString());
        Assert.DoesNotContain(frames, f => f.Type() == "results");
    }

    [Fact]
    public async Task MessageDuringTurn_IsQueuedAndRunAfter()
    {
        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping(gated));
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900");
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await client.SendMessageAsync("tablet under $600");
        gated.Release();
        var first = await client.ReceiveUntilAsync(default, "done");
        var second = await client.ReceiveUntilAsync(default, "done");

        Assert.Equal("laptop", Assert.Single(first, f => f.Type() == "results").Data().GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal("tablet", Assert.Single(second, f => f.Type() == "results").Data().GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.NotEqual(first[0].GetProperty("turn_id").GetString(), second[0].GetProperty("turn_id").GetString());
    }

    [Fact]
    public async Task SlowTurn_PastMessageTimeout_EndsWithTurnTimeoutError()
    {
        var gated = new TestDoubles.GatedProductSource(new TestDoubles.FixedProductSource());
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["WS_MESSAGE_TIMEOUT"] = "0.5" }, s => s.UseSimpleShopping(gated));
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900");
        var frames = await client.ReceiveUntilAsync(default, "done", "error");

        Assert.Equal("turn_timeout", frames[^1].Code());
        Assert.False(frames[^1].Data().GetProperty("recoverable").GetBoolean());
    }

    [Fact]
    public async Task RepeatedClientMessageId_IsProcessedOnce()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900", clientMessageId: "msg-1");
        var first = await client.ReceiveUntilAsync(default, "done");
        await client.SendMessageAsync("laptop under $900", clientMessageId: "msg-1");
        var duplicate = await client.ReceiveAsync();

        Assert.Single(first, f => f.Type() == "results");
        Assert.Equal("duplicate_message", duplicate.Code());
        Assert.True(duplicate.Data().GetProperty("recoverable").GetBoolean());
    }

    [Theory]
    [InlineData(new[] { "image" }, new[] { "ParseInput", "ExtractImageAttrs", "BuildRequirementSpec" })]
    [InlineData(new[] { "audio" }, new[] { "ParseInput", "TranscribeAudio", "BuildRequirementSpec" })]
    [InlineData(new[] { "audio", "image" }, new[] { "ParseInput", "TranscribeAudio", "ExtractImageAttrs", "BuildRequirementSpec" })]
    public async Task Media_IsProcessedByItsNode_AndFeedsTheSpec(string[] mediaTypes, string[] expectedFirstSteps)
    {
        var media = new FakeMedia("tablet under $550", new ImageFindings { Labels = ["tablet"] });
        await using var host = new OrchestratorHost(configureServices: s =>
        {
            s.UseSimpleShopping();
            s.RemoveAll<IMediaService>();
            s.AddSingleton<IMediaService>(media);
        });
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        var items = mediaTypes.Select(t => (object)new { media_type = t, s3_key = $"uploads/u1/{t}.bin" }).ToArray();
        await client.SendMessageAsync(mediaTypes.Contains("audio") ? "" : "tablet under $550", media: items);
        var frames = await client.ReceiveUntilAsync(default, "done", "clarification", "error");

        var steps = frames.Where(f => f.Type() == "progress").Select(f => f.Data().GetProperty("step").GetString()).ToList();
        Assert.Equal(expectedFirstSteps, steps.Take(expectedFirstSteps.Length));
        Assert.Equal(mediaTypes.Contains("audio") ? 1 : 0, media.Transcriptions);
        Assert.Equal(mediaTypes.Contains("image") ? 1 : 0, media.ImageReads);
        var spec = Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec");
        Assert.Equal("tablet", spec.GetProperty("product_type").GetString());
    }

    [Fact]
    public async Task Image_WithoutMediaService_SaysSoAndStillAnswersTheText()
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        var (client, _) = await ChatClient.OpenAsync(host);
        await using var __ = client;

        await client.SendMessageAsync("laptop under $900", media: [new { media_type = "image", s3_key = "uploads/u1/a.jpg" }]);
        var frames = await client.ReceiveUntilAsync(default, "done", "error");

        Assert.Equal("done", frames[^1].Type());
        var answer = string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));
        Assert.Contains("no media service is configured", answer, StringComparison.Ordinal);
        Assert.Single(frames, f => f.Type() == "results");
    }

    private sealed class FakeMedia(string transcript, ImageFindings image) : IMediaService
    {
        public int Transcriptions;
        public int ImageReads;


        public Task<Transcription> TranscribeAsync(string s3Key, string? contentType, string? language, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Transcriptions);
            return Task.FromResult(new Transcription(transcript, 0.93, "en", 2.5));
        }

        public Task<ImageFindings> ExtractImageAttributesAsync(string s3Key, string? contentType, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref ImageReads);
            return Task.FromResult(image);
        }
    }
}
