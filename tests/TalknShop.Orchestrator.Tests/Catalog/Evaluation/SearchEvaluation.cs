using System.Globalization;
using System.Text;
using TalknShop.Orchestrator.Catalog.Data;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Catalog.Evaluation;

/// <summary>The figures of one evaluation run over a set of shopper requests.</summary>
internal sealed record EvaluationFigures(
    int Cases,
    int WithMatches,
    int ResultAnswersWithMatches,
    int EmptyWithMatches,
    int NoProductsWithMatches,
    int NamedTypeCases,
    int MaxQuestionsNamedType,
    double MeanQuestionsNamedType,
    int Clicks,
    int ClicksWithProducts,
    int ShownProducts,
    int ShownProductsMeetingAll,
    int KindCases,
    int KindPassed,
    IReadOnlyList<string> Failures)
{
    public double EmptyShare => ResultAnswersWithMatches == 0 ? 0 : (double)EmptyWithMatches / ResultAnswersWithMatches;
    public double ClickShare => Clicks == 0 ? 1 : (double)ClicksWithProducts / Clicks;
    public double Precision => ShownProducts == 0 ? 1 : (double)ShownProductsMeetingAll / ShownProducts;

    public string Report(string name)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"search evaluation '{name}': {Cases} requests, {WithMatches} with catalog matches");
        text.AppendLine(c, $"  empty result answers while the catalog has matches: {EmptyWithMatches}/{ResultAnswersWithMatches} = {EmptyShare:P1} (conversations with no products at all: {NoProductsWithMatches})");
        text.AppendLine(c, $"  questions before the first products, named type: max {MaxQuestionsNamedType}, mean {MeanQuestionsNamedType:0.00} over {NamedTypeCases}");
        text.AppendLine(c, $"  suggestion clicks that lead to products: {ClicksWithProducts}/{Clicks} = {ClickShare:P1}");
        text.AppendLine(c, $"  top-five precision (shown products meeting every stated constraint): {ShownProductsMeetingAll}/{ShownProducts} = {Precision:P1}");
        text.AppendLine(c, $"  scope, comparison and no-preference cases answered as expected: {KindPassed}/{KindCases}");
        foreach (var failure in Failures)
        {
            text.AppendLine("  - " + failure);
        }

        return text.ToString();
    }
}

/// <summary>Runs an evaluation set through the real service, as <c>dotnet run</c> serves it, over real sockets.</summary>
internal static class SearchEvaluation
{
    private const int TopFive = 5;

    public static async Task<EvaluationFigures> RunAsync(OrchestratorHost host, IReadOnlyList<EvaluationCase> cases, CancellationToken cancellationToken)
    {
        var catalog = CatalogFile.Parse(CatalogFile.ReadEmbedded());
        var byId = catalog.ToDictionary(e => e.ProductId, StringComparer.Ordinal);
        var failures = new List<string>();
        int withMatches = 0, resultAnswers = 0, empty = 0, noProducts = 0, clicks = 0, clicksOk = 0, shown = 0, shownOk = 0, kindCases = 0, kindOk = 0;
        var namedQuestions = new List<int>();
        foreach (var @case in cases)
        {
            var conversation = await ShopperDriver.RunAsync(host, @case.Turns, cancellationToken);
            var hasMatches = @case.ProductType is not null && @case.Kind is "shop" or "compare" && catalog.Any(@case.IsMetBy);
            if (@case.ProductType is not null && @case.Kind is "shop" or "compare")
            {
                namedQuestions.Add(conversation.QuestionsBeforeProducts);
                if (conversation.QuestionsBeforeProducts > 1)
                {
                    failures.Add($"{conversation.QuestionsBeforeProducts} questions: {@case.Line}");
                }
            }

            if (hasMatches)
            {
                withMatches++;
                if (conversation.GotResults)
                {
                    resultAnswers++;
                    if (conversation.ProductIds.Count == 0)
                    {
                        empty++;
                        failures.Add($"empty although the catalog has matches: {@case.Line}");
                    }
                }
                else
                {
                    noProducts++;
                    failures.Add($"no results at all: {@case.Line}");
                }

                foreach (var id in conversation.ProductIds.Take(TopFive))
                {
                    shown++;
                    if (byId.TryGetValue(id, out var product) && @case.IsMetBy(product))
                    {
                        shownOk++;
                    }
                    else if (product is not null)
                    {
                        failures.Add($"shown '{product.Title}' ({product.Price}) for: {@case.Line}");
                    }
                }
            }

            if (@case.Kind != "shop" || @case.Turns.Count > 1)
            {
                kindCases++;
                if (KindAnswered(@case, conversation, byId, catalog))
                {
                    kindOk++;
                }
                else
                {
                    var said = conversation.Questions.Count > 0 ? conversation.Questions[0].Question : conversation.Answer.Trim();
                    failures.Add($"{@case.Kind} not answered as expected ({said[..Math.Min(120, said.Length)]}): {@case.Line}");
                }
            }

            foreach (var question in conversation.Questions)
            {
                foreach (var suggestion in question.Suggestions)
                {
                    clicks++;
                    var (ids, outcome) = await ShopperDriver.ClickAsync(host, question, suggestion, cancellationToken);
                    if (ids.Count > 0)
                    {
                        clicksOk++;
                    }
                    else
                    {
                        failures.Add($"click '{suggestion}' on '{question.Question}' gave {outcome}: {@case.Line}");
                    }
                }
            }
        }

        return new EvaluationFigures(
            cases.Count, withMatches, resultAnswers, empty, noProducts,
            namedQuestions.Count, namedQuestions.DefaultIfEmpty().Max(), namedQuestions.Count == 0 ? 0 : namedQuestions.Average(),
            clicks, clicksOk, shown, shownOk, kindCases, kindOk, failures);
    }

    private static bool KindAnswered(EvaluationCase @case, Conversation conversation, Dictionary<string, CatalogEntry> byId, List<CatalogEntry> catalog)
    {
        var answer = conversation.Answer;
        // The reply to the message itself: the first question when one came before any products
        // (the driver then clicks on, which must not count), otherwise the answer.
        var reply = conversation.Questions.Count > 0 && conversation.QuestionsBeforeProducts > 0 ? conversation.Questions[0].Question : answer;
        var replyShowedProducts = reply == answer && conversation.ProductIds.Count > 0;
        return @case.Kind switch
        {
            "unsupported" => !replyShowedProducts && (reply.Contains("don't carry", StringComparison.OrdinalIgnoreCase) || reply.Contains("do not carry", StringComparison.OrdinalIgnoreCase)),
            "support" or "offtopic" or "greeting" => !replyShowedProducts && reply.Trim().Length > 0
                && !reply.Equals("What kind of product are you looking for?", StringComparison.Ordinal),
            "compare" => conversation.ProductIds
                .Select(id => byId.GetValueOrDefault(id))
                .Where(p => p?.ProductType == @case.ProductType)
                .Select(p => p!.Brand).Distinct(StringComparer.Ordinal).Count() >= 2
                && answer.Contains(" vs", StringComparison.OrdinalIgnoreCase) | answer.Contains("compar", StringComparison.OrdinalIgnoreCase),
            // A multi-turn request answered with a preference-free reply must end in products of the type.
            _ => conversation.ProductIds.Count > 0 && conversation.ProductIds.All(id => byId.TryGetValue(id, out var p) && @case.IsMetBy(p)),
        };
    }
}
