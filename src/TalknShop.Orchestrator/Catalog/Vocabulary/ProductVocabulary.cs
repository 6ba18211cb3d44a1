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

    public static ProductTypeDefinition? Find(string? name) =>
        name is not null && ByName.TryGetValue(name, out var type) ? type : null;

    /// <summary>Words for the type in full-text search: its name and display name ("coffee maker", "coffee makers").</summary>
    public static string SearchWords(ProductTypeDefinition type) =>
        $"{type.Name.Replace('_', ' ')} {type.DisplayName} {type.Noun}";
}
