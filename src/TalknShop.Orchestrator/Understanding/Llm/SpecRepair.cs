using System.Text.Json;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>
/// Turns the model's JSON into a valid <see cref="RequirementSpec"/>: product types mapped onto the
/// taxonomy or dropped, unknown attribute keys and brands dropped, bad numbers dropped, rating
/// clamped to 0–5, condition normalized or dropped. A field the model left out keeps its previous
/// value on a refinement; a new search starts from an empty spec.
/// </summary>
internal static class SpecRepair
{
    private static readonly string[] Ops = ["eq", "gte", "lte", "contains"];

    public static ExtractionResult Read(JsonElement json, RequirementSpec? current, ICatalogTaxonomy taxonomy)
    {
        var mentioned = json.Has("product_type", out var t) ? ModelJson.String(t) is { } name ? FindType(taxonomy, name) : null : null;
        var saidNew = json.Has("new_search", out var n) && ModelJson.Flag(n) == true;
        var isNewSearch = current is null
            || saidNew
            || (mentioned is not null && current.ProductType is not null && !mentioned.Name.Equals(current.ProductType, StringComparison.OrdinalIgnoreCase));

        var previous = isNewSearch ? new RequirementSpec() : current!;
        var type = mentioned ?? (previous.ProductType is { } kept ? taxonomy.FindType(kept) : null);
        var spec = previous with
        {
            ProductType = type?.Name ?? (isNewSearch ? null : previous.ProductType),
            Attributes = json.Has("attributes", out var a) ? Attributes(a, type, taxonomy) : previous.Attributes,
            Filters = json.Has("filters", out var f) ? Filters(f) : previous.Filters,
            Price = json.Has("price", out var p) ? Price(p) : previous.Price,
            BrandPreferences = json.Has("brand_preferences", out var b) ? Brands(b, type, taxonomy) : previous.BrandPreferences,
            ExcludedBrands = json.Has("excluded_brands", out var x) ? Brands(x, type, taxonomy) : previous.ExcludedBrands,
            RatingMin = json.Has("rating_min", out var r) ? ModelJson.Number(r) is { } rating ? Math.Clamp(rating, 0, 5) : null : previous.RatingMin,
            Condition = json.Has("condition", out var c) ? Condition(ModelJson.String(c)) : previous.Condition,
            Marketplaces = json.Has("marketplaces", out var m) ? MarketplaceList(m) : previous.Marketplaces,
            Keywords = json.Has("keywords", out var k) ? Keywords(k) : previous.Keywords,
        };
        return new ExtractionResult(DialogueFields.Read(json, spec, type, taxonomy), isNewSearch);
    }

    private static ProductTypeInfo? FindType(ICatalogTaxonomy taxonomy, string name)
    {
        var cleaned = name.Trim().Replace('_', ' ');
        return taxonomy.FindType(name) ?? taxonomy.FindType(cleaned) ?? taxonomy.FindType(cleaned.Replace(' ', '_'))
            ?? (cleaned.EndsWith('s') ? taxonomy.FindType(cleaned[..^1]) : null);
    }

    private static Dictionary<string, AttributeConstraint> Attributes(JsonElement json, ProductTypeInfo? type, ICatalogTaxonomy taxonomy)
    {
        var result = new Dictionary<string, AttributeConstraint>(StringComparer.Ordinal);
        if (json.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        var known = (type?.AttributeKeys ?? [.. taxonomy.ProductTypes.SelectMany(p => p.AttributeKeys)]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in json.EnumerateObject())
        {
            var key = known.FirstOrDefault(k => k.Equals(property.Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (key is not null && Constraint(property.Value) is { } constraint)
            {
                result[key] = constraint;
            }
        }

        return result;
    }

    private static AttributeConstraint? Constraint(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return AttributeConstraint.Has(json.GetBoolean());
            case JsonValueKind.Number:
                return ModelJson.Number(json) is { } plain ? AttributeConstraint.EqualTo(plain) : null;
            case JsonValueKind.String:
                return ModelJson.String(json) is { } plainText ? AttributeConstraint.Is(plainText) : null;
            case JsonValueKind.Object:
                break;
            default:
                return null;
        }

        var op = json.Has("op", out var o) ? Op(ModelJson.String(o)) : "eq";
        var number = json.Has("number", out var n) ? ModelJson.Number(n) : null;
        var flag = json.Has("flag", out var f) ? ModelJson.Flag(f) : null;
        var text = json.Has("text", out var t) ? ModelJson.String(t) : null;
        var unit = json.Has("unit", out var u) ? ModelJson.String(u) : null;
        if (number is null && flag is null && text is null)
        {
            return null;
        }

        // Comparisons need a number; a text or flag constraint is an equality (or contains).
        if (number is null && op is "gte" or "lte")
        {
            op = "eq";
        }

        return new AttributeConstraint { Op = op, Number = number, Text = number is null ? text : null, Flag = number is null && text is null ? flag : null, Unit = unit };
    }

    private static string Op(string? op) => op?.ToLowerInvariant() switch
    {
        ">=" or "min" or "at_least" or "gt" or ">" => "gte",
        "<=" or "max" or "at_most" or "lt" or "<" => "lte",
        "=" or "==" or "is" or "equals" => "eq",
        { } known when Ops.Contains(known) => known,
        _ => "eq",
    };

    private static Dictionary<string, string> Filters(JsonElement json) =>
        json.ValueKind != JsonValueKind.Object
            ? []
            : json.EnumerateObject()
                .Select(p => (p.Name, Value: ModelJson.String(p.Value) ?? (ModelJson.Flag(p.Value) is { } b ? (b ? "true" : "false") : null)))
                .Where(p => p.Value is not null && p.Name.Length is > 0 and <= 64)
                .GroupBy(p => p.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value!, StringComparer.Ordinal);

    private static PriceRange? Price(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return Money(json) is { } max and > 0 ? new PriceRange(null, max) : null;
        }

        var min = json.Has("min", out var lo) ? Money(lo) : null;
        var maxValue = json.Has("max", out var hi) ? Money(hi) : null;
        if (min is null && maxValue is null)
        {
            return null;
        }

        if (min > maxValue)
        {
            (min, maxValue) = (maxValue, min);
        }

        var currency = json.Has("currency", out var c) && ModelJson.String(c) is { Length: 3 } code && code.All(char.IsLetter) ? code.ToUpperInvariant() : "USD";
        return new PriceRange(min, maxValue, currency);
    }

    private static decimal? Money(JsonElement json) =>
        ModelJson.Number(json) is { } n && n >= 0 && n < 10_000_000 ? Math.Round((decimal)n, 2) : null;

    private static List<string> Brands(JsonElement json, ProductTypeInfo? type, ICatalogTaxonomy taxonomy)
    {
        var known = type?.Brands is { Count: > 0 } brands ? brands : [.. taxonomy.ProductTypes.SelectMany(p => p.Brands).Distinct(StringComparer.OrdinalIgnoreCase)];
        return [.. ModelJson.Strings(json)
            .Select(b => known.FirstOrDefault(k => k.Equals(b, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    internal static string? Condition(string? condition)
    {
        var key = condition?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return key switch
        {
            null or "" or "any" => null,
            "brand_new" => "new",
            "likenew" or "open_box" or "excellent" => "like_new",
            "refurb" or "renewed" or "refurbished" or "certified_refurbished" => "refurbished",
            "pre_owned" or "preowned" or "second_hand" or "secondhand" => "used",
            _ when Conditions.All.Contains(key) => key,
            _ => null,
        };
    }

    private static List<string> MarketplaceList(JsonElement json) =>
        [.. ModelJson.Strings(json).Select(m => m.ToLowerInvariant()).Where(Marketplaces.All.Contains).Distinct(StringComparer.Ordinal)];

    private static string? Keywords(JsonElement json) =>
        ModelJson.String(json) is { } text ? text.Length > 200 ? text[..200] : text : null;
}
