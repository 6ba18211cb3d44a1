using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Turns.Events;

/// <summary>
/// Writes ISO-8601 UTC with millisecond precision and a literal <c>Z</c>
/// (<c>2026-11-25T10:00:00.123Z</c>); the default converter would write <c>+00:00</c>.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[24];
        value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
