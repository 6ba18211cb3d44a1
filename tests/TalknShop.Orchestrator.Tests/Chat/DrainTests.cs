using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using TalknShop.Orchestrator.Chat;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

/// <summary>An instance that drains is unready and refuses new sockets, while the sockets it has go on.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Draining_ReadinessUnhealthyAndNewSocketRefused_OpenSocketStillServed()
    {
        await using var host = new OrchestratorHost();
        var (open, _) = await ChatClient.OpenAsync(host, "user_id=before");
        await using var _ = open;

        host.Get<InstanceDrain>().Begin();

        using var http = host.CreateHttpClient();
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var checks = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("instance").GetProperty("status").GetString());

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ChatClient.ConnectAsync(host.WebSocketUri("user_id=after")));
        Assert.Contains("503", refused.Message, StringComparison.Ordinal);

        await open.SendMessageAsync("laptop under $900");
        var frames = await open.ReceiveUntilAsync(default, "done", "clarification", "error");
        Assert.Equal("done", frames[^1].Type());
    }
}
