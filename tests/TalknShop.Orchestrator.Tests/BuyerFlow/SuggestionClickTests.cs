using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Tests.Catalog.Evaluation;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.BuyerFlow;

/// <summary>
/// Clicks every suggestion of a few hundred questions, the way a shopper would (a fresh conversation
/// replayed to the question, then the click), over a real socket: each click must show products.
/// </summary>
public sealed class SuggestionClickTests : IAsyncLifetime
{
    private static readonly string[] Phrasings =
    [
        "{0}", "I want {0}", "looking for {0}", "show me {0}", "I need new {0}", "any {0}?", "help me pick {0}",
        "shopping for {0}", "what {0} do you have", "{0} for my family",
    ];

    private static readonly string[] Vague =
    [
        "something for my kitchen", "a gift for my wife", "i need something for working from home", "stuff for the gym",
        "something for my son, he's 12", "I want to get into photography", "something to clean my floors", "gear for hiking",
        "something for a long flight", "what do you recommend", "help", "I'm bored", "something nice", "a present for a coffee lover",
        "something for gaming", "for my new apartment", "back to school shopping", "I need to print documents", "better wifi", "music at parties",
    ];

    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(SearchEvaluationTests.ShopperHostSettings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EverySuggestion_OfAFewHundredQuestions_LeadsToProducts()
    {
        using var timeout = SearchRecoveryTests.Timeout(TimeSpan.FromMinutes(6));
        var types = CatalogFile.Parse(CatalogFile.ReadEmbedded()).Select(e => e.ProductType.Replace('_', ' ')).Distinct().ToList();
        var messages = types.SelectMany(t => Phrasings.Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, t))).Concat(Vague).ToList();
        var (questions, clicks) = (0, 0);
        var failures = new List<string>();
        foreach (var message in messages)
        {
            var conversation = await ShopperDriver.RunAsync(_host, [message], timeout.Token);
            foreach (var question in conversation.Questions)
            {
                questions++;
                Assert.NotEmpty(question.Suggestions);
                foreach (var suggestion in question.Suggestions)
                {
                    clicks++;
                    var (ids, outcome) = await ShopperDriver.ClickAsync(_host, question, suggestion, timeout.Token);
                    if (ids.Count == 0)
                    {
                        failures.Add($"'{message}' → '{question.Question}' → '{suggestion}': {outcome}");
                    }
                }
            }
        }

        Assert.True(questions >= 200, $"only {questions} questions were asked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {clicks} clicks found nothing:\n" + string.Join("\n", failures.Take(20)));
    }
}
