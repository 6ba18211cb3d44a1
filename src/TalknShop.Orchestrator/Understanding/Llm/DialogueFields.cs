using System.Text.Json;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>
/// The spec fields issue 16 added, read from the model's JSON and checked like the rest: lines
/// kept only when the catalog has them, comparison sides with catalog brands and types, intent and
/// qualifier from their fixed lists, positions and lengths bounded. Per-turn fields (intent,
/// reference, unsupported item) start fresh each turn; lines and comparisons carry over a refinement.
/// </summary>
internal static class DialogueFields
{
    private const int MaxReference = 20;
    private const int MaxText = 80;

    public static RequirementSpec Read(JsonElement json, RequirementSpec spec, ProductTypeInfo? type, ICatalogTaxonomy taxonomy) => spec with
    {
        KeywordsRequired = json.Has("keywords_required", out var kr) ? ModelJson.Flag(kr) == true : spec.KeywordsRequired,
        ProductLines = json.Has("product_lines", out var pl) ? Lines(pl, type, taxonomy) : spec.ProductLines,
        Compare = json.Has("compare", out var c) ? Compare(c, taxonomy) : spec.Compare,
        ReferencedResult = json.Has("referenced_result", out var r) && ModelJson.Number(r) is { } n && n >= 1 && n <= MaxReference && n == Math.Floor(n) ? (int)n : null,
        UseCase = json.Has("use_case", out var u) ? Text(u) : spec.UseCase,
        Intent = json.Has("intent", out var i) && ModelJson.String(i)?.ToLowerInvariant() is { } intent && Intents.All.Contains(intent) ? intent : Intents.Shop,
        UnsupportedItem = json.Has("unsupported_item", out var x) ? Text(x) : null,
        PriceQualifier = json.Has("price_qualifier", out var q) ? ModelJson.String(q)?.ToLowerInvariant() switch
        {
            PriceQualifiers.Budget or "cheap" => PriceQualifiers.Budget,
            PriceQualifiers.Premium or "expensive" => PriceQualifiers.Premium,
            _ => null,
        } : spec.PriceQualifier,
    };

    /// <summary>Lines the catalog sells (a prefix of a catalog line, ignoring case and spaces); all kept when the taxonomy lists none.</summary>
    private static List<string> Lines(JsonElement json, ProductTypeInfo? type, ICatalogTaxonomy taxonomy)
    {
        var known = (type is null ? taxonomy.ProductTypes : [type]).SelectMany(t => t.Lines ?? []).Select(l => Squash(l.Name)).ToList();
        return [.. ModelJson.Strings(json)
            .Where(l => l.Length <= MaxText && (known.Count == 0 || known.Any(k => k.StartsWith(Squash(l), StringComparison.Ordinal))))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static List<ComparisonOption> Compare(JsonElement json, ICatalogTaxonomy taxonomy)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var brands = taxonomy.ProductTypes.SelectMany(t => t.Brands).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var options = new List<ComparisonOption>();
        foreach (var side in json.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
        {
            var brand = side.Has("brand", out var b) && ModelJson.String(b) is { } name ? brands.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) : null;
            var line = side.Has("line", out var l) ? Text(l) : null;
            var type = side.Has("product_type", out var t) && ModelJson.String(t) is { } typeName ? taxonomy.FindType(typeName)?.Name : null;
            var label = (side.Has("label", out var lb) ? Text(lb) : null) ?? line ?? brand ?? type;
            if (label is not null)
            {
                options.Add(new ComparisonOption(label, brand, line, type));
            }
        }

        // A comparison has two sides or more; one side alone is not one.
        return options.Count >= 2 ? options : [];
    }

    private static string? Text(JsonElement json) => ModelJson.String(json) is { } text ? text.Length > MaxText ? text[..MaxText] : text : null;

    private static string Squash(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
