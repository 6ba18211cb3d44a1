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
    [InlineData("laptop under ٣٠٠", 300)]         // Arabic-Indic
    [InlineData("laptop under $３００", 300)]      // fullwidth
    [InlineData("laptop under ५००", 500)]          // Devanagari
    [InlineData("laptop under $۱,۲۰۰", 1200)]     // Extended Arabic-Indic with a separator
    public async Task Price_InAnyScriptsDigits_IsReadAsTheNumber(string text, int max)
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendMessageAsync(text);
        var frames = await client.ReceiveUntilAsync(default, "done", "clarification", "error");

        Assert.DoesNotContain(frames, f => f.Type() == "error");
        var results = Assert.Single(frames, f => f.Type() == "results");
        var price = results.Data().GetProperty("requirement_spec").GetProperty("price");
        Assert.Equal(max, price.GetProperty("max").GetDecimal());
    }
}
