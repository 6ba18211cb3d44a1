using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

/// <summary>
/// Host filtering and the origin check, with hand-written upgrade requests so the Host header is
/// what a browser after DNS rebinding would send.
/// </summary>
public sealed class HostCheckTests
{
    [Theory]
    // Origin equal to Host is no proof: a rebinding attacker's page is "same-origin".
    [InlineData("*", "rebind.attacker.example:8000", "http://rebind.attacker.example:8000", 403)]
    [InlineData("*", "127.0.0.1:8000", "http://127.0.0.1:8000", 101)]
    [InlineData("*", "localhost:8000", "http://localhost:8000", 101)]
    [InlineData("shop.example;*.talknshop.example", "shop.example", "http://shop.example", 101)]
    [InlineData("shop.example;*.talknshop.example", "eu.talknshop.example", "http://eu.talknshop.example", 101)]
    [InlineData("shop.example;*.talknshop.example", "shop.example", "http://other.example", 403)]
    // A Host not allowed is refused by host filtering before anything else.
    [InlineData("shop.example", "rebind.attacker.example", "http://rebind.attacker.example", 400)]
    [InlineData("shop.example", "rebind.attacker.example", null, 400)]
    public async Task Upgrade_FollowsAllowedHostsAndOrigins(string allowedHosts, string hostHeader, string? origin, int expected)
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["ALLOWED_HOSTS"] = allowedHosts }, s => s.UseSimpleShopping());

        Assert.Equal(expected, await UpgradeStatusAsync(host, hostHeader, origin));
    }

    [Fact]
    public async Task OriginRefusal_LogNamesTheOrigin()
    {
        var logs = new CapturedLogs();
        await using var host = new OrchestratorHost(configureServices: s =>
        {
            s.UseSimpleShopping();
            s.AddSingleton<ILoggerProvider>(logs);
        });

        Assert.Equal(403, await UpgradeStatusAsync(host, host.BaseUri.Authority, "https://shop-staging.example.com"));

        Assert.Contains(logs.Messages, m => m.Contains("https://shop-staging.example.com", StringComparison.Ordinal) && m.Contains("ALLOWED_ORIGINS", StringComparison.Ordinal));
    }

    internal static async Task<int> UpgradeStatusAsync(OrchestratorHost host, string hostHeader, string? origin)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(ChatClient.DefaultTimeout);
        await tcp.ConnectAsync(host.BaseUri.Host, host.BaseUri.Port, timeout.Token);
        var stream = tcp.GetStream();
        var request = new StringBuilder()
            .Append("GET /ws/chat?user_id=hostcheck HTTP/1.1\r\n")
            .Append("Host: ").Append(hostHeader).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
            .Append("Sec-WebSocket-Key: ").Append(Convert.ToBase64String(Guid.NewGuid().ToByteArray())).Append("\r\n");
        if (origin is not null)
        {
            request.Append("Origin: ").Append(origin).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), timeout.Token);
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps every formatted log line, for tests that check what a deployer would read.</summary>
    internal sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
