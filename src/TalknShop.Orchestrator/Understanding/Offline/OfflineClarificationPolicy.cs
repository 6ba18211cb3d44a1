using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Rule-based <see cref="IClarificationPolicy"/>: at most one question per search. Without a product
/// type it asks for one, with types that fit the message; with a type and no other detail it asks the
/// budget, with bands from the catalog's prices. Every question offers a way to skip it, and every
/// suggestion carries the spec it stands for, so the flow can check it finds products before offering it.
/// </summary>
internal sealed class OfflineClarificationPolicy(ICatalogTaxonomy taxonomy) : IClarificationPolicy
{
    public const string ProductTypeContext = "product_type";
    public const string BudgetContext = "budget";

    internal const string ProductTypeQuestion = "What kind of product are you looking for?";
    internal const string NoPreference = "No preference";
    internal const string ShowAnything = "Show me anything";

    private const int SuggestedTypes = 4;

    private static readonly PriceRange[] FallbackBands = [new(null, 100), new(100, 500), new(500, null)];

    public Task<ClarifyingQuestion?> DecideAsync(ClarificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decide(request));
    }

    /// <summary>
    /// What counts as enough to search on: anything the shopper said beyond the type. Leftover words
    /// don't count, since the extractor could not place them.
    /// </summary>
    internal static bool HasDetail(RequirementSpec spec) =>
        spec.Price is not null || spec.PriceQualifier is not null || spec.BrandPreferences.Count > 0 || spec.ExcludedBrands.Count > 0
        || spec.Attributes.Count > 0 || spec.RatingMin is not null || spec.Condition is not null || spec.Marketplaces.Count > 0
        || spec.UseCase is not null || spec.ProductLines.Count > 0 || spec.Compare.Count > 0 || spec.KeywordsRequired;

    private ClarifyingQuestion? Decide(ClarificationRequest request)
    {
        // One question per search at most: a second one costs more shoppers than it helps.
        if (request.QuestionsAskedThisSearch >= Math.Min(1, request.MaxQuestions))
        {
            return null;
        }

        var spec = request.Spec;
        if (spec.ProductType is null)
        {
            // A brand alone searches well ("sonos"); leftover words alone may be a typo ("laptp"): ask.
            return spec.BrandPreferences.Count > 0 ? null : AskProductType(spec, LatestUserText(request));
        }

        if (HasDetail(spec))
        {
            return null;
        }

        var type = taxonomy.FindType(spec.ProductType);
        return AskBudget(spec, type, type?.DisplayName ?? spec.ProductType.Replace('_', ' '));
    }

    private ClarifyingQuestion AskProductType(RequirementSpec spec, string message)
    {
        var types = ClarificationTypeHints.For(message, taxonomy).Take(SuggestedTypes).ToList();
        var answers = new Dictionary<string, RequirementSpec>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            answers[Capitalize(type.DisplayName)] = spec with { ProductType = type.Name };
        }

        answers[ShowAnything] = spec;
        return new ClarifyingQuestion(ProductTypeQuestion, [.. answers.Keys], ProductTypeContext) { Answers = answers };
    }

    private static ClarifyingQuestion AskBudget(RequirementSpec spec, ProductTypeInfo? type, string display)
    {
        var bands = type?.PriceBands is { Count: > 0 } known ? known : FallbackBands;
        var answers = new Dictionary<string, RequirementSpec>(StringComparer.Ordinal);
        foreach (var band in bands.OrderBy(b => b.Min ?? 0))
        {
            var label = PriceText.Band(band);
            if (label != "Any price")
            {
                answers[label] = spec with { Price = band };
            }
        }

        answers[NoPreference] = spec;
        return new ClarifyingQuestion($"What's your budget for {display}?", [.. answers.Keys], BudgetContext) { Answers = answers };
    }

    private static string LatestUserText(ClarificationRequest request) =>
        request.Conversation.LastOrDefault(m => m.Role.Equals("user", StringComparison.OrdinalIgnoreCase))?.Content ?? "";

    private static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
