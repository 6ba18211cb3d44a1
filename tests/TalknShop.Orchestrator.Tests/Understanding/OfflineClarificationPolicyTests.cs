using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;
using static TalknShop.Orchestrator.Tests.Understanding.ExtractorHarness;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class OfflineClarificationPolicyTests
{
    private readonly OfflineClarificationPolicy _policy = new(Taxonomy);

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(0, 0)]
    public async Task DecideAsync_AtQuestionCap_SearchesEvenWhenVague(int asked, int max)
    {
        var question = await DecideAsync(new RequirementSpec(), asked, max);

        Assert.Null(question);
    }

    [Fact]
    public async Task DecideAsync_NoProductType_AsksForTypeWithPopularTypes()
    {
        var question = await DecideAsync(new RequirementSpec());

        Assert.NotNull(question);
        Assert.Equal(OfflineClarificationPolicy.ProductTypeContext, question.Context);
        Assert.Equal(["Laptops", "Phones", "Tablets", "Headphones", "Show me anything"], question.Suggestions);
    }

    [Theory]
    [InlineData("something for my kitchen", "Coffee makers", "Blenders", "Air fryers")]
    [InlineData("i need something for working from home", "Office chairs", "Monitors", "Keyboards")]
    [InlineData("a gift for my daughter who loves music", "Speakers", "Headphones")]
    public async Task DecideAsync_NoTypeButAPlaceOrNeed_SuggestsTypesThatFit(string message, params string[] expected)
    {
        var question = await DecideAsync(new RequirementSpec(), message: message);

        Assert.Equal(expected, question!.Suggestions.Take(expected.Length));
    }

    [Fact]
    public async Task DecideAsync_EverySuggestion_CarriesTheSpecItStandsFor()
    {
        var spec = new RequirementSpec { ProductType = "laptop", Keywords = "college" };

        var question = await DecideAsync(spec);

        Assert.Equal(question!.Suggestions, question.Answers!.Keys);
        Assert.Same(spec, question.Answers[OfflineClarificationPolicy.NoPreference]);
        Assert.All(question.Answers.Values, a => Assert.Equal("college", a.Keywords));
        Assert.Equal(new PriceRange(null, 500), question.Answers["Under $500"].Price);
    }

    [Fact]
    public async Task DecideAsync_TypeOnly_AsksBudgetWithBandsFromTaxonomy()
    {
        var question = await DecideAsync(new RequirementSpec { ProductType = "laptop" });

        Assert.NotNull(question);
        Assert.Equal(OfflineClarificationPolicy.BudgetContext, question.Context);
        Assert.Equal("What's your budget for laptops?", question.Question);
        Assert.Equal(["Under $500", "$500\u2013$1,000", "Over $1,000", "No preference"], question.Suggestions);
    }

    [Theory]
    [MemberData(nameof(SpecificSpecs))]
    public async Task DecideAsync_SpecificFirstMessage_SearchesAtOnce(RequirementSpec spec)
    {
        var question = await DecideAsync(spec);

        Assert.Null(question);
    }

    public static TheoryData<RequirementSpec> SpecificSpecs() =>
    [
        new RequirementSpec { ProductType = "laptop", Price = new PriceRange(null, 1000) },
        new RequirementSpec { ProductType = "laptop", BrandPreferences = ["Dell"] },
        new RequirementSpec { ProductType = "tv", Attributes = new() { ["screen_inches"] = AttributeConstraint.EqualTo(55) } },
        new RequirementSpec { ProductType = "laptop", ExcludedBrands = ["Apple"] },
        new RequirementSpec { ProductType = "laptop", RatingMin = 4 },
        new RequirementSpec { ProductType = "laptop", Condition = "refurbished" },
        new RequirementSpec { ProductType = "laptop", Marketplaces = ["ebay"] },
        new RequirementSpec { ProductType = "laptop", UseCase = "drawing" },
        new RequirementSpec { ProductType = "phone", ProductLines = ["pixel 9"] },
        new RequirementSpec { ProductType = "phone", PriceQualifier = PriceQualifiers.Budget },
    ];

    [Theory]
    [InlineData("What's your budget for laptops?")]
    [InlineData("What kind of product are you looking for?")]
    public async Task DecideAsync_AfterOneQuestion_NeverAsksAnother(string previous)
    {
        var question = await DecideAsync(new RequirementSpec { ProductType = "laptop" }, asked: 1, max: 3, previous: previous);

        Assert.Null(question);
    }

    [Fact]
    public async Task DecideAsync_TypeAskedAndKeywordsKnown_SearchesInsteadOfAskingAgain()
    {
        var spec = new RequirementSpec { Keywords = "kitchen" };

        var question = await DecideAsync(spec, asked: 1, max: 3, previous: "What kind of product are you looking for?");

        Assert.Null(question);
    }

    [Fact]
    public async Task DecideAsync_TypeUnknownToTaxonomy_StillAsksConcreteBudget()
    {
        var question = await DecideAsync(new RequirementSpec { ProductType = "drone" });

        Assert.NotNull(question);
        Assert.Equal(["Under $100", "$100\u2013$500", "Over $500", "No preference"], question.Suggestions);
    }

    [Fact]
    public async Task DecideAsync_EveryTypeAndRound_QuestionIsNeverEmpty()
    {
        foreach (var type in Taxonomy.ProductTypes)
        {
            {
                var question = await DecideAsync(new RequirementSpec { ProductType = type.Name }, asked: 0, max: 3);
                Assert.NotNull(question);
                Assert.False(string.IsNullOrWhiteSpace(question.Question));
                Assert.False(string.IsNullOrWhiteSpace(question.Context));
                Assert.NotEmpty(question.Suggestions);
                Assert.All(question.Suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s)));
            }
        }
    }

    [Fact]
    public async Task DecideAsync_TypeSuggestionSentBackVerbatim_ExtractsThatType()
    {
        var question = await DecideAsync(new RequirementSpec());

        foreach (var suggestion in question!.Suggestions.Where(s => s != OfflineClarificationPolicy.ShowAnything))
        {
            var result = await ExtractAsync(suggestion, new RequirementSpec(), answering: true, lastQuestion: question.Question);
            var expected = Taxonomy.ProductTypes.Single(t => t.DisplayName.Equals(suggestion, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(expected.Name, result.Spec.ProductType);
            Assert.False(result.IsNewSearch);
        }
    }

    [Fact]
    public async Task DecideAsync_BudgetSuggestionSentBackVerbatim_ExtractsSameBandForEveryType()
    {
        foreach (var type in Taxonomy.ProductTypes)
        {
            var current = new RequirementSpec { ProductType = type.Name };
            var question = await DecideAsync(current);
            var bands = type.PriceBands.OrderBy(b => b.Min ?? 0).ToList();

            Assert.Equal(bands.Count + 1, question!.Suggestions.Count);
            for (var i = 0; i < bands.Count; i++)
            {
                var result = await ExtractAsync(question.Suggestions[i], current, answering: true, lastQuestion: question.Question);
                Assert.False(result.IsNewSearch);
                Assert.Equal(type.Name, result.Spec.ProductType);
                Assert.Equal(bands[i], result.Spec.Price);
            }
        }
    }

    private Task<ClarifyingQuestion?> DecideAsync(RequirementSpec spec, int asked = 0, int max = 2, string? previous = null, string message = "hi")
    {
        List<ConversationMessage> conversation = [new("user", message, DateTimeOffset.UnixEpoch)];
        if (previous is not null)
        {
            conversation.Add(new ConversationMessage("assistant", previous, DateTimeOffset.UnixEpoch));
            conversation.Add(new ConversationMessage("user", "answer", DateTimeOffset.UnixEpoch));
        }

        return _policy.DecideAsync(new ClarificationRequest(spec, conversation, asked, max), CancellationToken.None);
    }
}
