using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Rule-based <see cref="IRequirementExtractor"/>: no network, vocabulary from the catalog
/// taxonomy. A message naming a different product type starts a new search; anything else
/// (including a clarification answer) refines the current spec.
/// </summary>
internal sealed partial class OfflineRequirementExtractor(ICatalogTaxonomy taxonomy) : IRequirementExtractor
{
    // Built on first use: the catalog may still be loading when DI constructs this.
    private readonly Lazy<Vocabulary> _vocabulary = new(() => new Vocabulary(taxonomy));

    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Extract(request));
    }

    private ExtractionResult Extract(ExtractionRequest request)
    {
        var vocabulary = _vocabulary.Value;
        var scan = new TextScan(NumberWords.ToDigits(string.Join(" . ", new[] { request.LatestUserText, request.Media?.Transcript }
            .Where(t => !string.IsNullOrWhiteSpace(t)))));

        var typeHit = TypeDetector.Detect(scan, vocabulary);
        var mentioned = typeHit?.Value ?? MediaReader.DetectType(request.Media, vocabulary);
        var current = request.CurrentSpec;
        var startsOver = QualifierParser.StartsOver(scan.Text);
        var isNewSearch = current is null
            || startsOver
            || (mentioned is not null && current.ProductType is not null
                && !mentioned.Equals(current.ProductType, StringComparison.OrdinalIgnoreCase))
            || (mentioned is not null && current.ProductType is null && !request.AnsweringClarification);

        var typeName = mentioned ?? (isNewSearch ? null : current!.ProductType);
        var type = new TypeTraits(vocabulary.Find(typeName));
        var bareNumbersAreMoney = request.AnsweringClarification && LastQuestionAskedBudget(request.Conversation);
        var parsed = MessageParser.Parse(scan, vocabulary, type, bareNumbersAreMoney);
        parsed.ProductType = type.Name ?? typeName ?? TypeOnlyThoseBrandsMake(vocabulary, parsed.Brands);
        MediaReader.Apply(request.Media, vocabulary, type, parsed);
        ApplyImpliedBrands(scan, vocabulary, parsed);

        var spec = isNewSearch ? SpecMerger.Fresh(parsed, type.Info) : SpecMerger.Merge(current!, parsed, type.Info);
        return new ExtractionResult(spec, isNewSearch);
    }

    /// <summary>
    /// "macbook" names Apple as well as a laptop, when the catalog sells Apple; "a phone that
    /// isn't an iPhone" rules Apple out. Only product lines of the chosen type count.
    /// </summary>
    private static void ApplyImpliedBrands(TextScan scan, Vocabulary vocabulary, ParsedMessage parsed)
    {
        foreach (var (phrase, brandName) in SupplementaryTerms.ImpliedBrands)
        {
            if (vocabulary.CanonicalBrand(brandName) is not { } brand)
            {
                continue;
            }

            foreach (var form in Inflections.Forms(phrase))
            {
                var at = WholeWordIndex(scan.Text, form);
                if (at >= 0 && vocabulary.TypeMatcher.Lookup(form) is { } type
                    && type.Equals(parsed.ProductType, StringComparison.OrdinalIgnoreCase))
                {
                    // A named brand wins over the one a product line implies ("a Samsung, not an iPhone").
                    var excluded = BrandParser.IsNegatedAt(scan, at);
                    var free = parsed.Brands.Count == 0 && !parsed.ExcludedBrands.Contains(brand, StringComparer.OrdinalIgnoreCase);
                    if (excluded || free)
                    {
                        parsed.AddBrand(brand, excluded);
                    }

                    break;
                }
            }
        }
    }

    private static int WholeWordIndex(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>"something from Vitamix": a brand the catalog carries for one type only names that type.</summary>
    private static string? TypeOnlyThoseBrandsMake(Vocabulary vocabulary, List<string> brands)
    {
        if (brands.Count == 0)
        {
            return null;
        }

        var types = vocabulary.Types
            .Where(t => brands.All(b => t.Brands.Contains(b, StringComparer.OrdinalIgnoreCase)))
            .Take(2)
            .ToList();
        return types.Count == 1 ? types[0].Name : null;
    }

    private static bool LastQuestionAskedBudget(IReadOnlyList<ConversationMessage> conversation) =>
        conversation.LastOrDefault(m => m.Role.Equals("assistant", StringComparison.OrdinalIgnoreCase)) is { } last
        && BudgetQuestionRegex().IsMatch(last.Content);

    [GeneratedRegex(@"\b(?:budget|spend|price)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BudgetQuestionRegex();
}
