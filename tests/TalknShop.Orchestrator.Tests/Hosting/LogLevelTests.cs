using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Hosting;

public sealed class LogLevelTests
{
    [Theory]
    [InlineData("DEBUG", "Debug", LogLevel.Debug)]
    [InlineData("info", "Information", LogLevel.Information)]
    [InlineData("WARNING", "Warning", LogLevel.Warning)]
    [InlineData("CRITICAL", "Critical", LogLevel.Critical)]
    public async Task LogLevel_MapsOntoLoggingConfiguration(string setting, string configured, LogLevel level)
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["LOG_LEVEL"] = setting }, s => s.UseSimpleShopping());
        var logger = host.Get<ILoggerFactory>().CreateLogger("TalknShop.Orchestrator.Chat.ChatConnection");
        var framework = host.Get<ILoggerFactory>().CreateLogger("Microsoft.Extensions.Hosting.Internal.Host");

        Assert.Equal(configured, host.Get<IConfiguration>()["Logging:LogLevel:Default"]);
        Assert.True(logger.IsEnabled(level));
        Assert.False(level > LogLevel.Trace && logger.IsEnabled(level - 1));
        // Framework categories never drop below Warning through LOG_LEVEL.
        Assert.False(framework.IsEnabled(level < LogLevel.Warning ? LogLevel.Information : level - 1));
    }
}
