using System.Text.Json;
using TalknShop.Orchestrator.BuyerFlow;

namespace TalknShop.Orchestrator.Chat.Wire;

/// <summary>
/// Validates one text frame and turns it into a <see cref="ClientCommand"/>. Every way a frame
/// can be wrong maps to its own machine code, so clients (and tests) can tell them apart.
/// Parsed with <see cref="JsonDocument"/> rather than a typed deserializer because a wrong field
/// type must be reported by field name, not as a serializer exception.
/// </summary>
internal sealed class ClientFrameParser(ChatOptions options)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public ClientCommand Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            return Invalid("invalid_json", "That message was not valid JSON.");
        }

        using (document)
        {
            try
            {
                EnsureText(document.RootElement);
                return ParseDocument(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks escapes only when a string is read: "\ud800" (an unpaired
                // surrogate) parses, then cannot become a .NET string. It is not valid text.
                return Invalid("invalid_json", "That message was not valid JSON: it holds an unpaired surrogate escape.");
            }
        }
    }

    /// <summary>Reads every string and property name once, so an unpaired surrogate anywhere is found (it throws).</summary>
    private static void EnsureText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    EnsureText(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    EnsureText(property.Value);
                }

                break;
        }
    }

    private ClientCommand ParseDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("invalid_message", "A message must be a JSON object with a \"type\" field.");
        }

        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return Invalid("missing_type", "The message has no \"type\" field.");
        }

        return type.GetString() switch
        {
            ClientTypes.Message => ParseUserMessage(root, isAnswer: false),
            ClientTypes.Answer => ParseUserMessage(root, isAnswer: true),
            ClientTypes.Ping => new PingCommand(),
            ClientTypes.Pong => new PongCommand(),
            ClientTypes.Disconnect => new DisconnectCommand(),
            ClientTypes.Cancel => new CancelCommand(),
            ClientTypes.Resume => ParseResume(root),
            var other => Invalid("unknown_type", "That message type is not supported.", Truncate(other, 64)),
        };
    }

    private ClientCommand ParseUserMessage(JsonElement root, bool isAnswer)
    {
        var text = "";
        if (root.TryGetProperty("message", out var message) && message.ValueKind != JsonValueKind.Null)
        {
            if (message.ValueKind != JsonValueKind.String)
            {
                return Invalid("invalid_message", "The \"message\" field must be text.");
            }

            text = message.GetString()!;
        }

        if (text.Length > options.MaxMessageChars)
        {
            return Invalid("message_too_long", $"Messages can be at most {options.MaxMessageChars} characters.", $"length {text.Length}");
        }

        var media = new List<MediaAttachment>();
        if (root.TryGetProperty("media", out var mediaElement) && mediaElement.ValueKind != JsonValueKind.Null)
        {
            var mediaError = MediaValidator.Parse(mediaElement, options, media);
            if (mediaError is not null)
            {
                return mediaError;
            }
        }

        if (string.IsNullOrWhiteSpace(text) && media.Count == 0)
        {
            return Invalid("missing_message", "The message is empty. Send some text or attach media.");
        }

        string? clientMessageId = null;
        if (root.TryGetProperty("client_message_id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 and <= 128 } id)
            {
                return Invalid("invalid_client_message_id", "\"client_message_id\" must be text of 1 to 128 characters.");
            }

            clientMessageId = id;
        }

        return new UserMessageCommand(text.Trim(), media, clientMessageId, isAnswer);
    }

    private static ClientCommand ParseResume(JsonElement root)
    {
        if (!root.TryGetProperty("last_seq", out var lastSeq) || lastSeq.ValueKind != JsonValueKind.Number
            || !lastSeq.TryGetInt64(out var value) || value < 0)
        {
            return Invalid("invalid_last_seq", "\"resume\" needs \"last_seq\": a whole number of 0 or more.");
        }

        return new ResumeCommand(value);
    }

    internal static InvalidCommand Invalid(string code, string error, string? details = null) => new(code, error, details);

    private static string Truncate(string? value, int max) =>
        value is null ? "" : value.Length <= max ? value : value[..max];
}
