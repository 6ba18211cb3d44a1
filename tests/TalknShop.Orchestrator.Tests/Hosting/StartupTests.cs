using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Hosting;

public sealed class StartupTests
{
    [Theory]
    [InlineData("WS_MAX_CONCURRENT_CONNECTIONS", "0")]
    [InlineData("WS_HEARTBEAT_INTERVAL", "-5")]
    [InlineData("MAX_CLARIFICATION_LOOPS", "99")]
    [InlineData("SESSION_TTL_HOURS", "0")]
    [InlineData("SESSION_STORE", "redis")]
    [InlineData("DYNAMODB_ENDPOINT", "not a url")]
    [InlineData("WS_MESSAGE_TIMEOUT", "soon")]
    [InlineData("LOG_LEVEL", "LOUD")]
    public async Task BadSetting_StopsStartup_WithMessageNamingIt(string key, string value)
    {
        // The real process, as an operator starts it: the in-process test host can lose the reason
        // (its deferred start reads the app's services after a failed start has disposed them).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(new Dictionary<string, string> { [key] = value }, timeout.Token));

        Assert.StartsWith("the service exited with ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the service exited with 0:", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(key, StringComparison.Ordinal), $"the start failure does not name {key}:\n{ex.Message}");
    }
}
