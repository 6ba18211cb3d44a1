using System.Net.WebSockets;
using System.Text;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Chat;

public sealed class BadInputTests : IAsyncLifetime
{
    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(new Dictionary<string, string?> { ["MAX_MESSAGE_CHARS"] = "50" }, s => s.UseSimpleShopping());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> BadFrames => new()
    {
        { "{not json", "invalid_json" },
        { "[1,2,3]", "invalid_message" },
        { "\"just a string\"", "invalid_message" },
        { "{\"message\":\"hi\"}", "missing_type" },
        { "{\"type\":42}", "missing_type" },
        { "{\"type\":\"teleport\"}", "unknown_type" },
        { "{\"type\":\"message\"}", "missing_message" },
        { "{\"type\":\"message\",\"message\":\"   \"}", "missing_message" },
        { "{\"type\":\"message\",\"message\":42}", "invalid_message" },
        { "{\"type\":\"message\",\"message\":\"" + new string('x', 51) + "\"}", "message_too_long" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":\"photo.jpg\"}", "invalid_media" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[42]}", "invalid_media" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"hologram\",\"s3_key\":\"k\"}]}", "invalid_media" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"image\"}]}", "invalid_media" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"image\",\"s3_key\":\"k\",\"size_bytes\":\"big\"}]}", "invalid_media" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"image\",\"s3_key\":\"k\",\"size_bytes\":999999999999}]}", "media_too_large" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"client_message_id\":7}", "invalid_client_message_id" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"image\",\"s3_key\":\"k\",\"content_type\":\"application/x-msdownload\"}]}", "unsupported_media_type" },
        { "{\"type\":\"resume\"}", "invalid_last_seq" },
        { "{\"type\":\"resume\",\"last_seq\":-1}", "invalid_last_seq" },
        { "{\"type\":\"resume\",\"last_seq\":\"3\"}", "invalid_last_seq" },
        // An unpaired surrogate escape is valid JSON syntax but not text, in any field.
        { "{\"type\":\"\\ud800\"}", "invalid_json" },
        { "{\"type\":\"message\",\"message\":\"laptop \\ud800\"}", "invalid_json" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"client_message_id\":\"\\udfff\"}", "invalid_json" },
        { "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"image\",\"s3_key\":\"a\\ud800b\"}]}", "invalid_json" },
        { "{\"type\":\"ping\",\"extra\":\"\\ud800\"}", "invalid_json" },
        { "{\"type\":\"ping\",\"\\ud800\":1}", "invalid_json" },
        { "{\"type\":\"message\",\"message\":\"\\udc00\\ud800\"}", "invalid_json" },
        // s3_key is an object key in the bucket, never a URL or a path.
        { MediaFrame("file:///etc/passwd"), "invalid_media" },
        { MediaFrame("http://127.0.0.1:9000/bucket/key.jpg"), "invalid_media" },
        { MediaFrame("https://evil.example/x.jpg"), "invalid_media" },
        { MediaFrame("s3://other-bucket/key.jpg"), "invalid_media" },
        { MediaFrame("//evil.example/x.jpg"), "invalid_media" },
        { MediaFrame("/etc/passwd"), "invalid_media" },
        { MediaFrame("uploads/../../secrets.txt"), "invalid_media" },
        { MediaFrame("C:\\\\Windows\\\\win.ini"), "invalid_media" },
        { MediaFrame("uploads/a\\u0000b.jpg"), "invalid_media" },
        { MediaFrame(new string('k', 1025)), "invalid_media" },
        { "{\"a\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}", "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task BadFrame_GetsCodedError_AndConnectionKeepsWorking(string frame, string expectedCode)
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendTextAsync(frame);
        var error = await client.ReceiveAsync();

        Assert.Equal("error", error.Type());
        Assert.Equal(expectedCode, error.Code());
        Assert.True(error.Data().GetProperty("recoverable").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(error.Data().GetProperty("error").GetString()));
        await AssertStillUsableAsync(client);
    }

    [Fact]
    public async Task BinaryFrame_GetsUnsupportedFrame_AndConnectionKeepsWorking()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);
        Assert.Equal("unsupported_frame", (await client.ReceiveAsync()).Code());
        await AssertStillUsableAsync(client);
    }

    [Fact]
    public async Task TooManyMedia_GetsTooManyMedia()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;
        var media = Enumerable.Range(0, 6).Select(i => new { media_type = "image", s3_key = $"k{i}" }).ToArray();

        await client.SendJsonAsync(new { type = "message", message = "hi", media });

        Assert.Equal("too_many_media", (await client.ReceiveAsync()).Code());
        await AssertStillUsableAsync(client);
    }

    [Fact]
    public async Task OversizedFrame_GetsMessageTooLarge_ThenClose1009()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendTextAsync("{\"type\":\"message\",\"message\":\"" + new string('x', 70 * 1024) + "\"}");
        var frames = await client.ReceiveUntilClosedAsync();

        Assert.Equal("message_too_large", Assert.Single(frames).Code());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
    }

    [Fact]
    public async Task BadFrames_DoNotLoseEarlierConversation()
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;
        await client.SendMessageAsync("laptop under $700");
        var turn = await client.ReceiveUntilAsync(default, "done");

        await client.SendTextAsync("{broken");
        Assert.Equal("invalid_json", (await client.ReceiveAsync()).Code());
        await client.SendJsonAsync(new { type = "resume", last_seq = 0 });

        for (var i = 0; i < turn.Count; i++)
        {
            Assert.Equal(turn[i].GetRawText(), (await client.ReceiveAsync()).GetRawText());
        }
    }

    [Fact]
    public async Task InvalidSessionId_GetsErrorThenPolicyClose()
    {
        await using var client = await ChatClient.ConnectAsync(_host.WebSocketUri("session_id=" + Uri.EscapeDataString("bad id!")));

        var frames = await client.ReceiveUntilClosedAsync();

        Assert.Equal("invalid_session_id", Assert.Single(frames).Code());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    private static string MediaFrame(string s3Key) =>
        "{\"type\":\"message\",\"message\":\"hi\",\"media\":[{\"media_type\":\"image\",\"s3_key\":\"" + s3Key + "\"}]}";

    [Theory]
    [InlineData("uploads/user-1/1730000000000.jpg")]
    [InlineData("images/a.b+shop@example.com/photo 1.jpg")]
    [InlineData("media/2026-12-01T10:00:00Z/voice.m4a")]
    [InlineData("uploads/фото.jpg")]
    public async Task S3Key_ObjectKeyShapes_AreAccepted(string key)
    {
        var (client, _) = await ChatClient.OpenAsync(_host);
        await using var __ = client;

        await client.SendTextAsync(System.Text.Json.JsonSerializer.Serialize(new { type = "message", message = "laptop", media = new[] { new { media_type = "image", s3_key = key } } }));

        var first = await client.ReceiveAsync();
        Assert.Equal("thinking", first.Type());
        await client.ReceiveUntilAsync(default, "done", "clarification");
    }

    private static async Task AssertStillUsableAsync(ChatClient client)
    {
        await client.SendJsonAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).Type());
    }
}
