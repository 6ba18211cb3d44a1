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
    public void BadSetting_StopsStartup_WithMessageNamingIt(string key, string value)
    {
        var ex = Assert.ThrowsAny<Exception>(() => new OrchestratorHost(new Dictionary<string, string?> { [key] = value }, s => s.UseSimpleShopping()));

        var messages = string.Join(" | ", Flatten(ex).Select(e => e.Message));
        Assert.True(messages.Contains(key, StringComparison.Ordinal), $"the start failure does not name {key}:\n{ex}");
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
