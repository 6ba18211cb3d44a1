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
