namespace TalknShop.Orchestrator.Catalog;

/// <summary>One place products can be searched: the built-in catalog, the remote catalog service, …</summary>
public interface IProductSource
{
    /// <summary>Stable name for logs, metrics and partial-result messages (e.g. <c>builtin</c>).</summary>
    string Name { get; }

    /// <summary>Returns up to <paramref name="limit"/> products matching every hard filter of <paramref name="spec"/>.</summary>
    /// <remarks>The answer's <see cref="SearchResults.RequirementSpec"/> is <paramref name="spec"/>; it names no failed source.</remarks>
    Task<SearchResults> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// True when this source never lists the same listing twice (same marketplace and id or
    /// normalized title), so its answer needs no merge when it is the only one.
    /// </summary>
    bool ListingsDistinct => false;
}

/// <summary>Fans a spec out to every configured <see cref="IProductSource"/> and merges the answers.</summary>
public interface IMarketplaceSearch
{
    /// <summary>
    /// The sources' merged, de-duplicated products (not yet ranked), the sum of their matches less
    /// the duplicates, the union of their marketplaces and the sources that failed; the
    /// <see cref="SearchResults.RequirementSpec"/> is <paramref name="spec"/>.
    /// </summary>
    Task<SearchResults> SearchAsync(RequirementSpec spec, CancellationToken cancellationToken);
}

/// <summary>Scores products against a spec and explains each placement in <see cref="Product.WhyRanked"/>.</summary>
public interface IProductRanker
{
    /// <summary>Returns the best <paramref name="top"/> products, each with <c>why_ranked</c> filled.</summary>
    IReadOnlyList<Product> Rank(RequirementSpec spec, IReadOnlyList<Product> candidates, int top);
}

/// <summary>
/// What the catalog knows about its own vocabulary: product types and their synonyms, brands and
/// price bands per type, attribute keys per type. The offline understanding layer and clarifying
/// questions use it so suggestions are concrete (brands and prices that exist).
/// </summary>
public interface ICatalogTaxonomy
{
    IReadOnlyList<ProductTypeInfo> ProductTypes { get; }

    /// <summary>Finds a product type by canonical name or synonym (case-insensitive), or null.</summary>
    ProductTypeInfo? FindType(string nameOrSynonym);
}

/// <param name="Name">Canonical name, e.g. <c>laptop</c>.</param>
/// <param name="DisplayName">Plural for people, e.g. <c>laptops</c>.</param>
/// <param name="Synonyms">Other words shoppers use ("notebook", "ultrabook").</param>
/// <param name="Brands">Brands that exist for this type in the catalog, most common first.</param>
/// <param name="PriceBands">Three or four concrete price bands for suggestions (from the catalog's price distribution).</param>
/// <param name="AttributeKeys">Attribute names products of this type carry (e.g. <c>ram_gb</c>, <c>storage_gb</c>).</param>
/// <param name="Lines">Named lines and models read from the catalog's own titles ("Pixel 9 Pro"), or null when unknown.</param>
/// <param name="LowestPrice">The cheapest listing of the type, or null when unknown.</param>
public sealed record ProductTypeInfo(
    string Name,
    string DisplayName,
    IReadOnlyList<string> Synonyms,
    IReadOnlyList<string> Brands,
    IReadOnlyList<PriceRange> PriceBands,
    IReadOnlyList<string> AttributeKeys,
    IReadOnlyList<ProductLineInfo>? Lines = null,
    decimal? LowestPrice = null);

/// <summary>A line or model a brand sells under a type, as its titles spell it ("Galaxy S24 Ultra").</summary>
public sealed record ProductLineInfo(string Name, string Brand);
