using System.Globalization;
using System.Text.Json;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>
/// Finds the JSON object in a model's reply, however it is wrapped: code fences, a sentence
/// before or after, trailing commas, comments. Returns null when there is none.
/// </summary>
internal static class ModelJson
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    public static JsonElement? FindObject(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return null;
        }

        // Widest span first (the usual case), then each balanced object from left to right.
        var first = reply.IndexOf('{', StringComparison.Ordinal);
        var last = reply.LastIndexOf('}');
        if (first >= 0 && last > first && TryParse(reply[first..(last + 1)]) is { } whole)
        {
            return whole;
        }

        for (var start = first; start >= 0; start = reply.IndexOf('{', start + 1))
        {
            if (BalancedEnd(reply, start) is { } end && TryParse(reply[start..(end + 1)]) is { } part)
            {
                return part;
            }
        }

        return null;
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? BalancedEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return null;
    }

    public static bool Has(this JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value);

    public static string? String(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null,
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    /// <summary>A finite number, also from a string such as "1,200" or "$999"; null otherwise.</summary>
    public static double? Number(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var n))
        {
            return double.IsFinite(n) ? n : null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = new string([.. (element.GetString() ?? "").Where(c => char.IsDigit(c) || c is '.' or '-')]);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : null;
        }

        return null;
    }

    public static bool? Flag(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(element.GetString(), out var b) => b,
        _ => null,
    };

    public static List<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => [.. element.EnumerateArray().Select(String).OfType<string>()],
        JsonValueKind.String when String(element) is { } one => [one],
        _ => [],
    };
}
