namespace TalknShop.Orchestrator.Catalog.Vocabulary;

/// <summary>
/// The checked-in vocabulary: the 22 canonical product types. The type names and attribute keys
/// are a contract with the understanding layer; synonyms, brands and model lines can grow freely.
/// </summary>
internal static class ProductVocabulary
{
    public static readonly IReadOnlyList<ProductTypeDefinition> Types =
    [
        .. ComputingTypes.All,
        .. DeviceTypes.All,
        .. AudioVideoTypes.All,
        .. HomeTypes.All,
        .. ApparelTypes.All,
    ];

    private static readonly Dictionary<string, ProductTypeDefinition> ByName =
        Types.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, ProductTypeDefinition> ByWord = BuildWordIndex();

    public static ProductTypeDefinition? Find(string? name) =>
        name is not null && ByName.TryGetValue(name, out var type) ? type : null;

    /// <summary>
    /// Finds a type by canonical name, display name, title noun or synonym, ignoring case, spaces
    /// versus underscores, and a plural "s"/"es" ("Coffee-Makers" finds <c>coffee_maker</c>).
    /// </summary>
    public static ProductTypeDefinition? Resolve(string? nameOrSynonym)
    {
        if (string.IsNullOrWhiteSpace(nameOrSynonym))
        {
            return null;
        }

        var word = Normalize(nameOrSynonym);
        if (ByWord.TryGetValue(word, out var type))
        {
            return type;
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && ByWord.TryGetValue(word[..^2], out type))
        {
            return type;
        }

        return word.EndsWith('s') && ByWord.TryGetValue(word[..^1], out type) ? type : null;
    }

    public static string Normalize(string text) =>
        string.Join(' ', text.Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, ProductTypeDefinition> BuildWordIndex()
    {
        var index = new Dictionary<string, ProductTypeDefinition>(StringComparer.Ordinal);
        foreach (var type in Types)
        {
            foreach (var word in (string[])[type.Name, type.DisplayName, type.Noun, .. type.Synonyms])
            {
                // First type wins, so a canonical name is never shadowed by another type's synonym.
                index.TryAdd(Normalize(word), type);
            }
        }

        return index;
    }

    /// <summary>Words for the type in full-text search: its name and display name ("coffee maker", "coffee makers").</summary>
    public static string SearchWords(ProductTypeDefinition type) =>
        $"{type.Name.Replace('_', ' ')} {type.DisplayName} {type.Noun}";
}
