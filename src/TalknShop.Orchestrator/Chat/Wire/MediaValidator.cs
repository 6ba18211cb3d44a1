using System.Text.Json;
using TalknShop.Orchestrator.BuyerFlow;

namespace TalknShop.Orchestrator.Chat.Wire;

/// <summary>Checks the <c>media</c> list of a user message against the contract and the configured limits.</summary>
internal static class MediaValidator
{
    private static readonly string[] MediaTypes = ["audio", "image", "video"];

    /// <summary>Fills <paramref name="items"/>; returns an <see cref="InvalidCommand"/> naming the problem, or null.</summary>
    public static InvalidCommand? Parse(JsonElement media, ChatOptions options, List<MediaAttachment> items)
    {
        if (media.ValueKind != JsonValueKind.Array)
        {
            return Bad("\"media\" must be a list of attachments.");
        }

        if (media.GetArrayLength() > options.MaxMediaPerMessage)
        {
            return ClientFrameParser.Invalid("too_many_media", $"At most {options.MaxMediaPerMessage} attachments per message.");
        }

        var index = 0;
        foreach (var element in media.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Bad($"Attachment {index + 1} must be an object.");
            }

            var mediaType = GetString(element, "media_type");
            if (mediaType is null || !MediaTypes.Contains(mediaType, StringComparer.Ordinal))
            {
                return Bad($"Attachment {index + 1} needs \"media_type\": audio, image or video.");
            }

            var s3Key = GetString(element, "s3_key");
            if (string.IsNullOrWhiteSpace(s3Key))
            {
                return Bad($"Attachment {index + 1} needs an \"s3_key\".");
            }

            if (!S3Keys.IsObjectKey(s3Key))
            {
                return Bad($"Attachment {index + 1}: \"s3_key\" must be an S3 object key such as uploads/photo.jpg, not a URL or a path.");
            }

            if (!TryGetOptionalString(element, "content_type", out var contentType) || !TryGetOptionalString(element, "uploaded_at", out var uploadedAt))
            {
                return Bad($"Attachment {index + 1} has a field of the wrong type.");
            }

            // A content type, when given, must be of the attachment's kind ("image/jpeg" for an image).
            if (contentType is not null && !contentType.StartsWith(mediaType + "/", StringComparison.OrdinalIgnoreCase))
            {
                return ClientFrameParser.Invalid("unsupported_media_type", $"Attachment {index + 1}: \"{Truncate(contentType)}\" is not an {mediaType} type.");
            }

            long? size = null;
            if (element.TryGetProperty("size_bytes", out var sizeElement) && sizeElement.ValueKind != JsonValueKind.Null)
            {
                if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var bytes) || bytes < 0)
                {
                    return Bad($"Attachment {index + 1}: \"size_bytes\" must be a whole number.");
                }

                if (bytes > options.MaxMediaBytes)
                {
                    return ClientFrameParser.Invalid("media_too_large", $"Attachment {index + 1} is larger than the {options.MaxMediaBytes / (1024 * 1024)} MB limit.");
                }

                size = bytes;
            }

            items.Add(new MediaAttachment(mediaType, s3Key, contentType, size, uploadedAt));
            index++;
        }

        return null;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];

    private static InvalidCommand Bad(string error) => ClientFrameParser.Invalid("invalid_media", error);

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGetOptionalString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }
}
