using System.Net;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Http;

public sealed class HttpSurfaceTests : HttpHostTest
{
    [Fact]
    public async Task Health_ReportsStatusAndProbedChecks()
    {
        using var response = await Http.GetAsync(new Uri("/health", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("development", body.GetProperty("environment").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("session_store").GetProperty("status").GetString());
        Assert.True(body.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Alive_Answers200()
    {
        using var response = await Http.GetAsync(new Uri("/alive", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_CountConnectionsTurnsAndEvents()
    {
        var (client, _) = await ChatClient.OpenAsync(Host);
        await client.SendMessageAsync("laptop under $800");
        var frames = await client.ReceiveUntilAsync(default, "done");

        // The turn is counted once its outcome is committed, and committing it is what sends done:
        // a client can read /metrics before the turn's worker counts it (this failed on a loaded
        // machine). Wait for the count, then check every figure of that moment.
        var metrics = Host.Get<Orchestrator.Diagnostics.OrchestratorMetrics>();
        await ProtocolAssert.EventuallyAsync(() => metrics.Snapshot().TurnsEnded.GetValueOrDefault("completed") == 1);
        var body = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;
        Assert.Equal(1, body.GetProperty("active_connections").GetInt64());
        Assert.Equal(1, body.GetProperty("turns_started").GetInt64());
        Assert.Equal(1, body.GetProperty("turns_ended").GetProperty("completed").GetInt64());
        Assert.True(body.GetProperty("events_sent").GetInt64() >= frames.Count);
        Assert.Equal(1, body.GetProperty("turn_latency_ms").GetProperty("samples").GetInt32());
        Assert.True(body.GetProperty("turn_latency_ms").GetProperty("p99").GetDouble() > 0);

        await client.DisposeAsync();
        await ProtocolAssert.EventuallyAsync(() => Host.Get<Orchestrator.Chat.ConnectionRegistry>().Count == 0);
        body = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement;
        Assert.Equal(1, body.GetProperty("connections_closed_by_reason").GetProperty("client_closed").GetInt64());
    }

    [Fact]
    public async Task Metrics_ReportGcAllocatedBytes()
    {
        var first = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement.GetProperty("gc");
        var second = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).RootElement.GetProperty("gc");

        Assert.True(first.GetProperty("total_allocated_bytes").GetInt64() > 0);
        Assert.True(second.GetProperty("total_allocated_bytes").GetInt64() >= first.GetProperty("total_allocated_bytes").GetInt64());
        Assert.True(first.GetProperty("heap_bytes").GetInt64() > 0);
        Assert.True(first.GetProperty("gen0_collections").GetInt32() >= 0);
    }

    [Fact]
    public async Task PrometheusEndpoint_ExposesOrchestratorMeters()
    {
        var (client, _) = await ChatClient.OpenAsync(Host);
        await using var __ = client;
        await client.SendMessageAsync("laptop under $800");
        await client.ReceiveUntilAsync(default, "done");

        await ProtocolAssert.EventuallyAsync(() =>
            Http.GetStringAsync(new Uri("/metrics/prometheus", UriKind.Relative)).GetAwaiter().GetResult().Contains("orchestrator_turns", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DebugConnections_IsHiddenUnlessDebug()
    {
        using var response = await Http.GetAsync(new Uri("/debug/connections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        await using var debugHost = new OrchestratorHost(new Dictionary<string, string?> { ["DEBUG"] = "true" }, s => s.UseSimpleShopping());
        using var debugHttp = debugHost.CreateHttpClient();
        var (client, connected) = await ChatClient.OpenAsync(debugHost, "user_id=dbg");
        await using var __ = client;
        var list = JsonDocument.Parse(await debugHttp.GetStringAsync(new Uri("/debug/connections", UriKind.Relative))).RootElement;
        Assert.Equal(connected.Data().GetProperty("session_id").GetString(), Assert.Single(list.EnumerateArray()).GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Session_IsReadableByOwner_And404ForOthers()
    {
        var (client, connected) = await ChatClient.OpenAsync(Host, "user_id=alice");
        await using var __ = client;
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        await client.SendMessageAsync("laptop under $800");
        await client.ReceiveUntilAsync(default, "done");

        var body = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"/api/v1/sessions/{sessionId}?user_id=alice", UriKind.Relative))).RootElement;
        var session = body.GetProperty("session");
        Assert.Equal("alice", session.GetProperty("user_id").GetString());
        Assert.Equal("COMPLETED", session.GetProperty("workflow_stage").GetString());
        Assert.Equal("laptop", session.GetProperty("requirement_spec").GetProperty("product_type").GetString());
        Assert.Equal("laptop under $800", session.GetProperty("last_message").GetString());
        Assert.Equal(2, session.GetProperty("messages").GetArrayLength());
        Assert.True(session.GetProperty("last_results").GetProperty("products").GetArrayLength() > 0);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(1, body.GetProperty("connection_count").GetInt32());

        foreach (var url in new[] { $"/api/v1/sessions/{sessionId}?user_id=mallory", $"/api/v1/sessions/{sessionId}", "/api/v1/sessions/sess_000000000000?user_id=alice" })
        {
            using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("laptop", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/openapi.json", "application/json")]
    [InlineData("/docs/index.html", "text/html")]
    [InlineData("/redoc/index.html", "text/html")]
    public async Task Docs_AreServed(string path, string mediaType)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatEndpoint_WithoutUpgrade_IsProblem400()
    {
        using var response = await Http.GetAsync(new Uri("/ws/chat", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_IsProblem404()
    {
        using var response = await Http.GetAsync(new Uri("/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
