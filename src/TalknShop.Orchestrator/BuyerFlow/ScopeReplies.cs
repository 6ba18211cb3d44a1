using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Search;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>
/// Replies for turns that are not a search the catalog can answer: an item it does not carry ("we
/// don't carry kayaks", with the nearest types it does carry), a greeting, thanks, a support or an
/// off-topic question. Each ends as a question whose suggestions are product types with products, so
/// every client shows the shopper a way on.
/// </summary>
internal sealed class ScopeReplies(ICatalogTaxonomy taxonomy, IMarketplaceSearch search)
{
    public const string Context = "scope";
    private const int SuggestedTypes = 4;

    private static readonly string[] PopularTypes = ["laptop", "headphones", "tv", "coffee_maker"];

    /// <summary>The reply for a spec that should not be searched, or null to search.</summary>
    public async Task<ClarifyingQuestion?> ForAsync(RequirementSpec spec, CancellationToken cancellationToken)
    {
        var opening = spec.Intent switch
        {
            Intents.Greeting => "Hi! I can help you find and compare products. What are you shopping for?",
            Intents.Thanks => "You're welcome! Is there anything else you're looking for?",
            Intents.Support => "I can't look up orders, returns or accounts; the store you bought from can help with those. I can help you find and compare products. What are you shopping for?",
            Intents.OffTopic => "I can only help with shopping: finding, comparing and choosing products. What are you looking for?",
            _ => null,
        };
        if (opening is not null)
        {
            return Question(opening, PopularTypes.Select(taxonomy.FindType).OfType<ProductTypeInfo>());
        }

        return spec.UnsupportedItem is { Length: > 0 } item && spec.ProductType is null
            ? await NotCarriedAsync(item, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>"We don't carry kayaks", with the types whose listings mention the item, if any.</summary>
    public async Task<ClarifyingQuestion> NotCarriedAsync(string item, CancellationToken cancellationToken)
    {
        var near = await search.SearchAsync(new RequirementSpec { Keywords = item, KeywordsRequired = true }, cancellationToken).ConfigureAwait(false);
        // Only listings that name the item in their title: a description that mentions "food" does not make an air fryer dog food.
        var word = item.Trim().ToLowerInvariant().TrimEnd('s');
        var nearest = near.Products
            .Where(p => p.Title.Contains(word, StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => p.ProductType ?? "", StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .OrderByDescending(g => g.Count())
            .Select(g => taxonomy.FindType(g.Key))
            .OfType<ProductTypeInfo>()
            .Take(3)
            .ToList();
        var text = $"Sorry, we don't carry {Plural(item.Trim())}.";
        text += nearest.Count > 0
            ? $" The closest we have are {SpecText.Join(nearest.Select(t => t.DisplayName), "and")}. Would one of those do?"
            : " Is there something else I can help you find?";
        return Question(text, nearest.Count > 0 ? nearest : PopularTypes.Select(taxonomy.FindType).OfType<ProductTypeInfo>());
    }

    private static ClarifyingQuestion Question(string text, IEnumerable<ProductTypeInfo> types)
    {
        var answers = types.Take(SuggestedTypes).ToDictionary(
            t => char.ToUpperInvariant(t.DisplayName[0]) + t.DisplayName[1..],
            t => new RequirementSpec { ProductType = t.Name },
            StringComparer.Ordinal);
        return new ClarifyingQuestion(text, [.. answers.Keys], Context) { Answers = answers };
    }

    /// <summary>Shoppers name one thing ("a kayak"); the sentence is about the kind ("kayaks").</summary>
    private static string Plural(string item)
    {
        var bare = item.StartsWith("a ", StringComparison.OrdinalIgnoreCase) ? item[2..] : item.StartsWith("an ", StringComparison.OrdinalIgnoreCase) ? item[3..] : item;
        if (bare.EndsWith('s') || bare.Contains(' ', StringComparison.Ordinal) || bare.EndsWith("food", StringComparison.OrdinalIgnoreCase))
        {
            return bare;
        }

        return bare.EndsWith('y') && bare.Length > 2 && !"aeiou".Contains(bare[^2], StringComparison.Ordinal) ? bare[..^1] + "ies" : bare + "s";
    }
}
