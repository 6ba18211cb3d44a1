using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Rule-based <see cref="IClarificationPolicy"/>: asks for the product type when there is none,
/// then the budget (suggestions from the type's price bands), then on a later round the brand;
/// never more than the cap and never the same question twice in a search.
/// </summary>
internal sealed class OfflineClarificationPolicy(ICatalogTaxonomy taxonomy) : IClarificationPolicy
{
    public const string ProductTypeContext = "product_type";
    public const string BudgetContext = "budget";
    public const string BrandContext = "brand";

    internal const string ProductTypeQuestion = "What kind of product are you looking for?";
    private const int SuggestedTypes = 4;
    private const int SuggestedBrands = 4;

    private static readonly PriceRange[] FallbackBands = [new(null, 100), new(100, 500), new(500, null)];

    public Task<ClarifyingQuestion?> DecideAsync(ClarificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decide(request));
    }

    private ClarifyingQuestion? Decide(ClarificationRequest request)
    {
        if (request.QuestionsAskedThisSearch >= request.MaxQuestions)
        {
            return null;
        }

        var spec = request.Spec;
        var asked = new AskedSoFar(request.Conversation, request.QuestionsAskedThisSearch);
        if (spec.ProductType is null)
        {
            // Asked once and still no type, but something to search for: search rather than nag.
            var hasSomething = spec.Keywords is not null || spec.BrandPreferences.Count > 0;
            return asked.ProductType && hasSomething ? null : AskProductType();
        }

        var type = taxonomy.FindType(spec.ProductType);
        var display = type?.DisplayName.ToLowerInvariant() ?? spec.ProductType.Replace('_', ' ');
        var hasDetail = spec.BrandPreferences.Count > 0 || spec.Attributes.Count > 0;
        if (spec.Price is null && !hasDetail && !asked.Budget)
        {
            return AskBudget(type, display);
        }

        // The brand question only follows an earlier question: a first message with a price searches at once.
        var brands = type?.Brands ?? [];
        if (request.QuestionsAskedThisSearch > 0 && !hasDetail && !asked.Brand && brands.Count > 1)
        {
            return AskBrand(brands, display);
        }

        return null;
    }

    private ClarifyingQuestion AskProductType()
    {
        var suggestions = taxonomy.ProductTypes
            .Take(SuggestedTypes)
            .Select(t => Capitalize(t.DisplayName))
            .ToList();
        return new ClarifyingQuestion(ProductTypeQuestion, suggestions, ProductTypeContext);
    }

    private static ClarifyingQuestion AskBudget(ProductTypeInfo? type, string display)
    {
        var bands = type?.PriceBands is { Count: > 0 } known ? known : FallbackBands;
        var suggestions = bands
            .OrderBy(b => b.Min ?? 0)
            .Select(PriceText.Band)
            .Where(s => s != "Any price")
            .ToList();
        return new ClarifyingQuestion($"What's your budget for {display}?", suggestions, BudgetContext);
    }

    private static ClarifyingQuestion AskBrand(IReadOnlyList<string> brands, string display)
    {
        var top = brands.Take(SuggestedBrands).ToList();
        return new ClarifyingQuestion($"Do you have a preferred brand for {display}?", top, BrandContext);
    }

    private static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Which questions this search has already asked, read from the assistant's messages.</summary>
    private sealed class AskedSoFar(IReadOnlyList<ConversationMessage> conversation, int questionsAsked)
    {
        // Only the last few assistant messages can belong to this search's questions.
        private readonly List<string> _recent = [.. conversation
            .Where(m => m.Role.Equals("assistant", StringComparison.OrdinalIgnoreCase))
            .TakeLast(questionsAsked)
            .Select(m => m.Content)];

        public bool ProductType => _recent.Any(c => c.Equals(ProductTypeQuestion, StringComparison.Ordinal));

        public bool Budget => _recent.Any(c => c.StartsWith("What's your budget", StringComparison.Ordinal));

        public bool Brand => _recent.Any(c => c.StartsWith("Do you have a preferred brand", StringComparison.Ordinal));
    }
}
