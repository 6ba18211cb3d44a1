using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalknShop.Orchestrator.Turns.Events;

/// <summary>
/// Writes a <c>results</c> event's data as the <see cref="Catalog.SearchResults"/> it carries,
/// so the wire and the saved state share one record instead of a copy of its shape. Written by
/// hand because System.Text.Json has no "flatten this property" option for a record.
/// </summary>
internal sealed class ResultsDataConverter : JsonConverter<ResultsData>
{
    public override ResultsData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize(ref reader, ServerEventJsonContext.Default.SearchResults) ?? throw new JsonException("results data is null"));

    public override void Write(Utf8JsonWriter writer, ResultsData value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Results, ServerEventJsonContext.Default.SearchResults);
}
