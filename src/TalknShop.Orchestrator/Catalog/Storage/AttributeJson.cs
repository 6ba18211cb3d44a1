using System.Text.Json;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// Attributes as two JSON columns, read with <c>json_extract</c>: lower-cased text for equality and
/// substring tests, and numeric readings (resolution as lines) for comparisons. One column per
/// product loads several times faster than one row per attribute.
/// </summary>
internal static class AttributeJson
{
    public static string Texts(IReadOnlyDictionary<string, string> attributes) =>
        JsonSerializer.Serialize(
            attributes.ToDictionary(a => a.Key, a => a.Value.Trim().ToLowerInvariant(), StringComparer.Ordinal),
            CatalogJsonContext.Default.DictionaryStringString);

    public static string Numbers(IReadOnlyDictionary<string, string> attributes)
    {
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (AttributeKeys.NumericValue(value) is { } number)
            {
                numbers[key] = number;
            }
        }

        return JsonSerializer.Serialize(numbers, CatalogJsonContext.Default.DictionaryStringDouble);
    }
}
