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
        var text = string.Join(" . ", new[] { request.LatestUserText, request.Media?.Transcript }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var scan = new TextScan(NumberWords.ToDigits(vocabulary.Rewriter.Rewrite(text)));
        var current = request.CurrentSpec;

        var lines = vocabulary.Lines.FindAll(scan, brand => Mentions(scan.Text, brand), ComparisonReader.HasCue(scan.Text));
        var useCase = UseCases.Find(scan, t => vocabulary.Find(t) is not null);
        var typeHit = TypeDetector.Detect(scan, vocabulary);
        lines.RemoveAll(l => TypeDetector.IsAccessoryAt(scan, l.Start) || (typeHit is not null && !l.Types.Contains(typeHit.Value)));
        var lineTypes = lines.Count == 0 ? [] : lines.Skip(1).Aggregate(lines[0].Types.AsEnumerable(), (common, l) => common.Intersect(l.Types)).ToList();
        var lineType = lineTypes.Count == 1 ? lineTypes[0] : null;
        var mentioned = typeHit?.Value ?? lineType ?? useCase?.Type ?? MediaReader.DetectType(request.Media, vocabulary);

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
        ApplyLines(scan, lines, parsed);
        // A type word that is a brand too ("a keurig") names the brand as well.
        if (typeHit is not null && vocabulary.CanonicalBrand(typeHit.Phrase) is { } typeBrand)
        {
            var excluded = BrandParser.IsNegatedAt(scan, typeHit.Start);
            parsed.AddBrand(typeBrand, excluded);
            parsed.BrandMentions.Add((typeHit with { Value = typeBrand }, excluded));
            parsed.BrandMentions.Sort((a, b) => a.Hit.Start.CompareTo(b.Hit.Start));
        }

        UseCases.ApplyFlag(useCase, parsed);
        parsed.UseCase = useCase?.Label;
        MediaReader.Apply(request.Media, vocabulary, type, parsed);
        ApplyImpliedBrands(scan, vocabulary, parsed);
        ComparisonReader.Read(scan, parsed);

        var newType = mentioned is not null && (current?.ProductType is null || !mentioned.Equals(current.ProductType, StringComparison.OrdinalIgnoreCase));
        var act = DialogueReader.Read(scan.Text, parsed.StatesConstraints || newType, current is not null,
            parsed.HasPrice || parsed.Brands.Count > 0 || parsed.Lines.Count > 0);
        if (act.Intent is not Intents.Shop)
        {
            var kept = current ?? new RequirementSpec();
            var reference = act.Intent switch
            {
                Intents.ProductQuestion => act.Reference,
                Intents.Thanks => kept.ReferencedResult,
                _ => null,
            };
            return new ExtractionResult(kept with { Intent = act.Intent, ReferencedResult = reference }, current is null);
        }

        if (act.UnsupportedItem is not null && parsed.ProductType is null)
        {
            return new ExtractionResult(new RequirementSpec { UnsupportedItem = act.UnsupportedItem }, true);
        }

        var spec = isNewSearch ? SpecMerger.Fresh(parsed, type.Info) : SpecMerger.Merge(current!, parsed, type.Info);
        if (isNewSearch && !startsOver && current?.Price is { } budget && !parsed.HasPrice && BudgetCarries(scan.Text, budget, type.Info))
        {
            // "actually a tablet instead": the budget still applies when the new type has products in it.
            spec = spec with { Price = budget };
        }

        return new ExtractionResult(spec with { Intent = Intents.Shop, ReferencedResult = null, UnsupportedItem = null }, isNewSearch);
    }

    private static bool BudgetCarries(string text, PriceRange budget, ProductTypeInfo? type) =>
        SwitchCueRegex().IsMatch(text) && type?.LowestPrice is { } lowest && (budget.Max is null || lowest <= budget.Max);

    private static bool Mentions(string text, string brand) => WholeWordIndex(text, Vocabulary.Clean(brand)) >= 0;

    /// <summary>Lines name their brand ("pixel 8" is Google) unless ruled out ("not an iphone").</summary>
    private static void ApplyLines(TextScan scan, List<LineHit> lines, ParsedMessage parsed)
    {
        foreach (var line in lines)
        {
            var excluded = BrandParser.IsNegatedAt(scan, line.Start);
            if (line.Brand is { } brand && (excluded || !parsed.ExcludedBrands.Contains(brand, StringComparer.OrdinalIgnoreCase)))
            {
                parsed.AddBrand(brand, excluded);
            }

            if (!excluded)
            {
                parsed.Lines.Add(line);
            }
        }

        // "an android phone" rules out the one phone maker that is not Android.
        if (AndroidRegex().IsMatch(scan.Text) && parsed.ProductType is "phone" or "tablet" or "smartwatch")
        {
            parsed.AddBrand("Apple", excluded: true);
        }
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
                if (at >= 0 && !TypeDetector.IsAccessoryAt(scan, at) && vocabulary.TypeMatcher.Lookup(form) is { } type
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

    [GeneratedRegex(@"\b(?:instead|actually|rather|switch\s+to|what\s+about|how\s+about)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SwitchCueRegex();

    [GeneratedRegex(@"\bandroid\b", RegexOptions.CultureInvariant)]
    private static partial Regex AndroidRegex();
}
