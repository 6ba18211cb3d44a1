using System.Globalization;
using System.Text;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>One scored turn, kept for the report and for failure messages.</summary>
internal sealed record ScoredTurn(EvaluationCase Case, EvaluationTurn Turn, RequirementSpec Spec, TurnScore Score);

/// <summary>
/// Runs an evaluation set through an extractor the way the flow does: each conversation turn starts
/// from the previous turn's spec, and an assistant message sits between turns.
/// </summary>
internal static class Evaluator
{
    private const string ShownResults = "Here are a few options that match.";

    public static async Task<List<ScoredTurn>> RunAsync(IRequirementExtractor extractor, IEnumerable<EvaluationCase> cases)
    {
        var scored = new List<ScoredTurn>();
        foreach (var item in cases)
        {
            var conversation = new List<ConversationMessage>();
            RequirementSpec? current = null;
            foreach (var turn in item.Turns)
            {
                if (conversation.Count > 0)
                {
                    conversation.Add(Message("assistant", turn.AssistantBefore ?? ShownResults));
                }

                conversation.Add(Message("user", turn.Text));
                var request = new ExtractionRequest(current, [.. conversation], turn.Text, null, turn.AssistantBefore is not null);
                var result = await extractor.ExtractAsync(request, CancellationToken.None);
                current = result.Spec;
                scored.Add(new ScoredTurn(item, turn, result.Spec, TurnScore.Of(turn.Expected, result.Spec)));
            }
        }

        return scored;
    }

    /// <summary>Per category and in total: requests fully right, constraints captured, inversions.</summary>
    public static string Report(string title, IReadOnlyList<ScoredTurn> turns)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {turns.Select(t => t.Case).Distinct().Count(c => !c.IsConversation)} messages, "
            + $"{turns.Select(t => t.Case).Distinct().Count(c => c.IsConversation)} conversations, {turns.Count} requests");
        text.AppendLine("category        requests  fully right   constraints captured   inversions");
        foreach (var group in turns.GroupBy(t => t.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Row(text, group.Key, [.. group]);
        }

        Row(text, "all", turns);
        text.AppendLine("field accuracy: " + string.Join("  ", TurnScore.FieldNames.Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f} {100.0 * turns.Count(t => t.Score.Fields[f]) / turns.Count:F1}%"))));
        return text.ToString();
    }

    public static double FullyRight(IReadOnlyList<ScoredTurn> turns) => (double)turns.Count(t => t.Score.AllRight) / turns.Count;

    public static int Inversions(IReadOnlyList<ScoredTurn> turns) => turns.Sum(t => t.Score.Inversions.Count);

    public static string Describe(ScoredTurn t) =>
        $"[{t.Case.Category}] \"{t.Turn.Text}\" wrong: {string.Join(", ", t.Score.Fields.Where(f => !f.Value).Select(f => f.Key))}"
        + (t.Score.Inversions.Count > 0 ? $" INVERTED: {string.Join("; ", t.Score.Inversions)}" : "")
        + $"\n    got {Spec(t.Spec)}";

    private static string Spec(RequirementSpec s) =>
        $"type={s.ProductType} price={s.Price?.Min}..{s.Price?.Max} {s.Price?.Currency} qual={s.PriceQualifier} brands=[{string.Join(",", s.BrandPreferences)}] "
        + $"not=[{string.Join(",", s.ExcludedBrands)}] attr=[{string.Join("; ", s.Attributes.Select(a => $"{a.Key} {a.Value.Op} {a.Value.Number}{a.Value.Text}{a.Value.Flag}"))}] "
        + $"cond={s.Condition} rating={s.RatingMin} compare=[{string.Join("|", s.Compare.Select(c => c.Label))}] ref={s.ReferencedResult} "
        + $"intent={s.Intent} unsupported={s.UnsupportedItem} lines=[{string.Join(",", s.ProductLines)}] keywords={s.Keywords}";

    private static void Row(StringBuilder text, string name, IReadOnlyList<ScoredTurn> turns)
    {
        var right = turns.Count(t => t.Score.AllRight);
        var stated = turns.Sum(t => t.Score.Stated);
        var captured = turns.Sum(t => t.Score.Captured);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-15} {turns.Count,8}  {right,4} {100.0 * right / turns.Count,5:F1}%   {captured,4}/{stated,-4} {100.0 * captured / Math.Max(1, stated),5:F1}%   {Inversions(turns),10}"));
    }

    private static ConversationMessage Message(string role, string content) => new(role, content, DateTimeOffset.UnixEpoch);
}
