using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// The product type a message is about, as far as parsing needs it. With no type (or a type
/// whose attribute keys the catalog does not list) every attribute is allowed.
/// </summary>
internal sealed record TypeTraits(ProductTypeInfo? Info)
{
    public string? Name => Info?.Name;

    public bool Has(string attributeKey) =>
        Info is null || Info.AttributeKeys.Count == 0 || Info.AttributeKeys.Contains(attributeKey, StringComparer.OrdinalIgnoreCase);
}
