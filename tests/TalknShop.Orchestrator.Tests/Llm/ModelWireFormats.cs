using System.Text.Json;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>Response bodies in the providers' formats.</summary>
public static partial class ModelWireFormats
{
    public static List<string> Chunks(string text) =>
        text.Length == 0 ? [] : [.. WordRegex().Matches(text).Select(m => m.Value)];

    public static string AnthropicMessage(string text) => JsonSerializer.Serialize(new
    {
        id = "msg_test",
        type = "message",
        role = "assistant",
        model = "claude-test",
        content = new[] { new { type = "text", text } },
        stop_reason = "end_turn",
        stop_sequence = (string?)null,
        usage = new { input_tokens = 120, output_tokens = 30 },
    });

    /// <summary>Anthropic stream events: (event name, data JSON, carries text).</summary>
    public static List<(string Name, string Json, bool IsText)> AnthropicStream(List<string> chunks)
    {
        var events = new List<(string, string, bool)>
        {
            ("message_start", JsonSerializer.Serialize(new
            {
                type = "message_start",
                message = new
                {
                    id = "msg_test", type = "message", role = "assistant", model = "claude-test", content = Array.Empty<object>(),
                    stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = 120, output_tokens = 1 },
                },
            }), false),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", false),
        };
        events.AddRange(chunks.Select(c => ("content_block_delta",
            JsonSerializer.Serialize(new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = c } }), true)));
        events.Add(("content_block_stop", """{"type":"content_block_stop","index":0}""", false));
        events.Add(("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":42}}""", false));
        events.Add(("message_stop", """{"type":"message_stop"}""", false));
        return events;
    }

    public static string OpenAIMessage(string text) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "llama-test",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 120, completion_tokens = 30, total_tokens = 150 },
    });

    public static List<(string Name, string Json, bool IsText)> OpenAIStream(List<string> chunks)
    {
        var events = chunks.Select((c, i) => ("", JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1_764_000_000,
            model = "llama-test",
            choices = new[] { new { index = 0, delta = new { role = i == 0 ? "assistant" : null, content = c }, finish_reason = (string?)null } },
        }), true)).ToList();
        events.Add(("", JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1_764_000_000,
            model = "llama-test",
            choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 120, completion_tokens = 42, total_tokens = 162 },
        }), false));
        return events;
    }

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex WordRegex();
}
