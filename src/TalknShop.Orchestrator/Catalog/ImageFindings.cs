namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// What a photo says about the product in it (media service contract): the media client fills
/// it, understanding reads it into a spec. It lives with the catalog's vocabulary so both can use it.
/// </summary>
public sealed record ImageFindings
{
    public List<string> Labels { get; init; } = [];
    public List<string> Objects { get; init; } = [];
    public List<string> Text { get; init; } = [];
    public List<string> DominantColors { get; init; } = [];
    public Dictionary<string, string> Attributes { get; init; } = [];
}
