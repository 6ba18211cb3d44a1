using System.Text;
using System.Text.Json;

namespace TalknShop.Orchestrator.Downstream;

/// <summary>
/// Reads the error bodies the media and catalog services send (both FastAPI): <c>{"detail": "…"}</c>
/// for their own errors, <c>{"detail": [{"loc": […], "msg": "…"}]}</c> for a 422 validation error,
/// <c>{"error": {"message": "…"}}</c> from the media service's catch-all, or plain text.
/// </summary>
internal static class ServiceErrors
{
    private const int MaxLength = 200;

    public static string Describe(string service, int status, string? body)
    {
        var detail = Detail(body);
        return $"The {service} answered {status}{(detail is null ? "" : ": " + detail)}";
    }

    /// <summary>A short metrics code for a status: <c>http_422</c>, <c>http_500</c>.</summary>
    public static string Code(int status) => "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Detail(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var detail))
            {
                return Trim(detail.ValueKind switch
                {
                    JsonValueKind.String => detail.GetString(),
                    JsonValueKind.Array => string.Join("; ", detail.EnumerateArray().Select(Validation)),
                    _ => detail.GetRawText(),
                });
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message))
            {
                return Trim(message.ToString());
            }

            return Trim(root.GetRawText());
        }
        catch (JsonException)
        {
            return Trim(body);
        }
    }

    // {"loc": ["body", "requirement_spec", "product_type"], "msg": "Input should be a valid string"}
    private static string Validation(JsonElement item)
    {
        var text = new StringBuilder();
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
        {
            text.AppendJoin('.', loc.EnumerateArray().Select(l => l.ToString())).Append(": ");
        }

        text.Append(item.ValueKind == JsonValueKind.Object && item.TryGetProperty("msg", out var msg) ? msg.ToString() : item.GetRawText());
        return text.ToString();
    }

    private static string? Trim(string? text)
    {
        text = text?.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }
}
