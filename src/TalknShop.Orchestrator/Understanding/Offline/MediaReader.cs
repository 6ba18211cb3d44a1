using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Folds image findings into a parsed message. Spoken words are handled as text (the transcript
/// is appended to the typed text); the image only fills what the words left open.
/// </summary>
internal static class MediaReader
{
    public static string? DetectType(MediaFindings? media, Vocabulary vocabulary) =>
        media?.Image is { } image ? TypeDetector.FromLabels([.. image.Objects, .. image.Labels], vocabulary) : null;

    public static void Apply(MediaFindings? media, Vocabulary vocabulary, TypeTraits type, ParsedMessage into)
    {
        if (media?.Image is not { } image)
        {
            return;
        }

        if (into.Brands.Count == 0)
        {
            var printed = new TextScan(string.Join(" . ", image.Text.Concat(image.Labels)));
            foreach (var hit in vocabulary.BrandMatcher.FindAll(printed))
            {
                if (!into.ExcludedBrands.Contains(hit.Value, StringComparer.OrdinalIgnoreCase))
                {
                    into.AddBrand(hit.Value, excluded: false);
                }
            }
        }

        foreach (var (key, value) in image.Attributes)
        {
            var normalizedKey = key.Trim().ToLowerInvariant() switch
            {
                "colour" => "color",
                var k => k,
            };

            if (normalizedKey == "brand")
            {
                if (into.Brands.Count == 0 && vocabulary.CanonicalBrand(value) is { } brand)
                {
                    into.AddBrand(brand, excluded: false);
                }
            }
            else if (type.Name is not null && type.Info!.AttributeKeys.Contains(normalizedKey, StringComparer.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(value))
            {
                into.SetAttribute(normalizedKey, AttributeConstraint.Is(value.Trim().ToLowerInvariant()));
            }
        }

        if (!into.Attributes.ContainsKey("color") && type.Has("color"))
        {
            var color = image.DominantColors
                .Select(c => c.Trim().ToLowerInvariant())
                .FirstOrDefault(SupplementaryTerms.Colors.ContainsKey);
            if (color is not null)
            {
                into.SetAttribute("color", AttributeConstraint.Is(SupplementaryTerms.Colors[color]));
            }
        }
    }
}
