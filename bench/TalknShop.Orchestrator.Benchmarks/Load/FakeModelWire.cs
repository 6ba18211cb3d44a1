using System.Text.Json;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>Anthropic Messages API bodies: a whole message, and the SSE events of a streamed one.</summary>
internal static class FakeModelWire
{
    public static string Message(string text) => JsonSerializer.Serialize(new
    {
        id = "msg_load",
        type = "message",
        role = "assistant",
        model = "claude-load",
        content = new[] { new { type = "text", text } },
        stop_reason = "end_turn",
        stop_sequence = (string?)null,
        usage = new { input_tokens = 100, output_tokens = 30 },
    });

    public static string StreamStart() =>
        Event("message_start", """{"type":"message_start","message":{"id":"msg_load","type":"message","role":"assistant","model":"claude-load","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":100,"output_tokens":1}}}""")
        + Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");

    public static string Delta(string text) =>
        Event("content_block_delta", JsonSerializer.Serialize(new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text } }));

    public static string StreamEnd(int outputTokens) =>
        Event("content_block_stop", """{"type":"content_block_stop","index":0}""")
        + Event("message_delta", JsonSerializer.Serialize(new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = outputTokens } }))
        + Event("message_stop", """{"type":"message_stop"}""");

    private static string Event(string name, string json) => $"event: {name}\ndata: {json}\n\n";
}
