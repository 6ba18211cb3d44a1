using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// The taxonomy turned into phrase matchers: every type name, display name and synonym in
/// singular and plural, plus the supplementary phrasing; every brand of every type.
/// </summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, ProductTypeInfo> _types;
    private readonly HashSet<string> _brandsNeedingCase;

    public Vocabulary(ICatalogTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        Types = taxonomy.ProductTypes;
        _types = new Dictionary<string, ProductTypeInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in Types)
        {
            _types.TryAdd(type.Name, type);
        }

        var typePhrases = new Dictionary<string, string>(StringComparer.Ordinal);
        // Canonical names first so that a phrase claimed by two types goes to its own type.
        foreach (var type in Types)
        {
            AddForms(typePhrases, type.Name.Replace('_', ' '), type.Name);
            AddForms(typePhrases, type.Name, type.Name);
        }

        foreach (var type in Types)
        {
            AddForms(typePhrases, type.DisplayName, type.Name);
            foreach (var synonym in type.Synonyms)
            {
                AddForms(typePhrases, synonym, type.Name);
            }
        }

        foreach (var (phrase, typeName) in SupplementaryTerms.TypePhrases)
        {
            if (_types.ContainsKey(typeName))
            {
                AddForms(typePhrases, phrase, typeName);
            }
        }

        var brandPhrases = new Dictionary<string, string>(StringComparer.Ordinal);
        _brandsNeedingCase = new HashSet<string>(StringComparer.Ordinal);
        foreach (var brand in Types.SelectMany(t => t.Brands))
        {
            var phrase = Clean(brand);
            if (brandPhrases.TryAdd(phrase, brand) && SupplementaryTerms.StopWords.Contains(phrase))
            {
                // A brand spelled like an everyday word ("On") only counts when written as the brand.
                _brandsNeedingCase.Add(brand);
            }

            // Shoppers drop the article: "North Face" is The North Face.
            if (phrase.StartsWith("the ", StringComparison.Ordinal))
            {
                brandPhrases.TryAdd(phrase[4..], brand);
            }
        }

        TypeMatcher = new PhraseMatcher(typePhrases);
        BrandMatcher = new PhraseMatcher(brandPhrases);
        Lines = new LineMatcher(Types, TypeMatcher);
        // Only long line names: short ones sit too close to everyday words ("crispy" is not Ninja's Crispi).
        var lineWords = Types.SelectMany(t => t.Lines ?? []).Select(l => Clean(l.Name).Split(' ')[0])
            .Where(w => w.Length >= 7 && w.All(char.IsLetter) && !EverydayWords.All.Contains(w));
        Fuzzy = new FuzzyWords(typePhrases.Keys.Concat(brandPhrases.Keys).Concat(lineWords).Concat(SupplementaryTerms.FeatureWords));
        Rewriter = new TextRewriter(Fuzzy);
    }

    public LineMatcher Lines { get; }

    public FuzzyWords Fuzzy { get; }

    /// <summary>Translation, shorthand and typo repair, before any parser reads the text.</summary>
    public TextRewriter Rewriter { get; }

    public IReadOnlyList<ProductTypeInfo> Types { get; }

    public PhraseMatcher TypeMatcher { get; }

    public PhraseMatcher BrandMatcher { get; }

    public ProductTypeInfo? Find(string? name) =>
        name is not null && _types.TryGetValue(name, out var type) ? type : null;

    /// <summary>The catalog spelling of <paramref name="text"/> when it is a known brand.</summary>
    public string? CanonicalBrand(string text) => BrandMatcher.Lookup(Clean(text));

    public bool BrandNeedsExactCase(string brand) => _brandsNeedingCase.Contains(brand);

    /// <summary>A type's phrase list as the scan sees it (lower case, hyphens between letters as spaces).</summary>
    public static string Clean(string phrase) => new TextScan(phrase).Text;

    private static void AddForms(Dictionary<string, string> phrases, string phrase, string typeName)
    {
        var clean = Clean(phrase);
        if (clean.Length == 0)
        {
            return;
        }

        foreach (var form in Inflections.Forms(clean))
        {
            phrases.TryAdd(form, typeName);
        }
    }
}
