using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

/// <summary>Prices written with another script's digits, through the real offline understanding.</summary>
public sealed class UnicodeDigitTests : IAsyncLifetime
{
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("laptop under ٣٠٠", "laptop under 300")]          // Arabic-Indic
    [InlineData("laptop under $３００", "laptop under $300")]      // fullwidth
    [InlineData("headphones under ५००", "headphones under 500")]  // Devanagari
    [InlineData("tv under $۱,۲۰۰", "tv under $1,200")]           // Extended Arabic-Indic with a separator
    public async Task Price_InAnyScriptsDigits_IsReadLikeAsciiDigits(string text, string ascii)
    {
        var spec = await RequirementSpecAsync(text);

        Assert.Equal((await RequirementSpecAsync(ascii)).GetProperty("price").GetRawText(), spec.GetProperty("price").GetRawText());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, spec.GetProperty("price").ValueKind);
    }

    [Theory]
    [InlineData("laptop under $900 with １６gb ram", "laptop under $900 with 16gb ram")]              // fullwidth, a RAM size
    [InlineData("laptop under $900 with ١٦ gb ram", "laptop under $900 with 16 gb ram")]             // Arabic-Indic, a RAM size
    [InlineData("headphones under $200 rated 4.５ stars", "headphones under $200 rated 4.5 stars")] // fullwidth decimal in a rating
    [InlineData("tv under $800 rated 4.५", "tv under $800 rated 4.5")]                               // Devanagari decimal in a rating
    public async Task AttributesAndRatings_InAnyScriptsDigits_AreReadLikeAsciiDigits(string text, string ascii)
    {
        var spec = await RequirementSpecAsync(text);
        var expected = await RequirementSpecAsync(ascii);

        Assert.Equal(expected.GetRawText(), spec.GetRawText());
        Assert.True(
            spec.GetProperty("attributes").EnumerateObject().Any() || (spec.TryGetProperty("rating_min", out var rating) && rating.ValueKind == System.Text.Json.JsonValueKind.Number),
            "the digits were read as a constraint");
    }

    private async Task<System.Text.Json.JsonElement> RequirementSpecAsync(string text)
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendMessageAsync(text);
        var frames = await client.ReceiveUntilAsync(default, "done", "clarification", "error");

        Assert.DoesNotContain(frames, f => f.Type() == "error");
        return Assert.Single(frames, f => f.Type() == "results").Data().GetProperty("requirement_spec");
    }
}
