using TalknShop.Orchestrator.Catalog;
using System.Globalization;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog.Generation;

/// <summary>The product half of a listing: brand, model line and attributes, before a marketplace is chosen.</summary>
internal sealed class ListingDraft
{
    private ListingDraft(ProductTypeDefinition type, BrandDefinition brand, ModelLine line)
    {
        Type = type;
        Brand = brand;
        Line = line;
    }

    public ProductTypeDefinition Type { get; }
    public BrandDefinition Brand { get; }
    public ModelLine Line { get; }
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>0 for the cheapest configuration of the type, 1 for the dearest.</summary>
    public double PricePosition { get; private set; } = 0.5;

    public static ListingDraft Create(ProductTypeDefinition type, SeededRandom random)
    {
        var brand = type.Brands[random.PickWeighted([.. type.Brands.Select(b => b.Weight)])];
        var draft = new ListingDraft(type, brand, random.Pick(brand.Lines));
        var (weighted, totalWeight) = (0.0, 0.0);
        foreach (var attribute in type.Attributes)
        {
            if (attribute.WhenKey is { } whenKey && draft.Attributes.GetValueOrDefault(whenKey) != attribute.WhenValue)
            {
                continue;
            }

            string value;
            if (draft.Line.Fixed.TryGetValue(attribute.Key, out var allowed))
            {
                value = random.Pick(allowed);
            }
            else
            {
                value = attribute.Values[random.PickWeighted(LineTier.Weights(draft.Line, attribute))];
            }

            draft.Attributes[attribute.Key] = value;
            var index = IndexOf(attribute.Values, value);
            var position = index < 0 || attribute.Values.Count == 1 ? 0.5 : index / (double)(attribute.Values.Count - 1);
            weighted += attribute.PriceWeight * position;
            totalWeight += attribute.PriceWeight;
        }

        draft.PricePosition = totalWeight > 0 ? weighted / totalWeight : 0.5;
        return draft;
    }

    public string Noun
    {
        get
        {
            if (Line.Noun is { } noun)
            {
                return noun;
            }

            return Attributes.TryGetValue(AttributeKeys.ShoeType, out var shoeType)
                ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(shoeType) + " Shoe"
                : Type.Noun;
        }
    }

    public string Title(string condition, string marketplace)
    {
        var name = $"{Brand.Name} {Line.Name}";
        if (Attributes.TryGetValue(AttributeKeys.Gender, out var gender))
        {
            name += gender == "unisex" ? " Unisex" : $" {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(gender)}'s";
        }

        // "Magic Mouse Mouse" reads badly: skip the noun when the line already ends with it.
        var noun = Noun;
        if (!LastWord(Line.Name).Equals(LastWord(noun), StringComparison.OrdinalIgnoreCase))
        {
            name += " " + noun;
        }

        var phrases = Attributes
            .Where(a => a.Key is not (AttributeKeys.Gender or AttributeKeys.ShoeType))
            .Select(a => AttributeText.TitlePhrase(Type.Name, a.Key, a.Value))
            .OfType<string>();
        var suffix = condition switch
        {
            "refurbished" => marketplace == "amazon" ? " (Renewed)" : " (Refurbished)",
            "used" => " (Used)",
            "like_new" => " (Open Box, Like New)",
            _ => "",
        };
        return $"{name}, {string.Join(", ", phrases)}{suffix}";
    }

    public string Description(string condition, SeededRandom random)
    {
        var details = Attributes.Select(a => AttributeText.Describe(a.Key, a.Value)).OfType<string>().ToList();
        var detailText = details.Count switch
        {
            0 => "",
            1 => " with " + details[0],
            _ => $" with {string.Join(", ", details[..^1])} and {details[^1]}",
        };
        var first = random.Next(Type.Features.Count);
        var second = (first + 1 + random.Next(Type.Features.Count - 1)) % Type.Features.Count;
        var conditionNote = condition switch
        {
            "refurbished" => " Professionally refurbished and tested, with a 90-day warranty.",
            "used" => " Pre-owned and fully working, with light signs of use.",
            "like_new" => " Open-box item in like-new condition with all original accessories.",
            _ => "",
        };
        return $"{Brand.Name} {Line.Name} {Noun.ToLowerInvariant()}{detailText}. {Type.Features[first]} {Type.Features[second]}{conditionNote}";
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static string LastWord(string text) => text[(text.LastIndexOf(' ') + 1)..];
}
