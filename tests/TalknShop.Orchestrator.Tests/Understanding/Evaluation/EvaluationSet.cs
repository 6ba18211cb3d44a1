namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>One shopper turn and the spec expected after it.</summary>
/// <param name="AssistantBefore">An assistant message just before this turn (a clarifying question), or null.</param>
internal sealed record EvaluationTurn(string Text, Expectation Expected, string? AssistantBefore);

/// <summary>A single message (one turn) or a conversation (several), in one category of issue 16.</summary>
internal sealed record EvaluationCase(string Category, bool IsConversation, IReadOnlyList<EvaluationTurn> Turns);

/// <summary>
/// Reads an evaluation set. <c>## category</c> starts single messages, one per line:
/// <c>text => expectations</c>. <c>## conversation: category</c> starts one conversation: <c>&gt; text => expectations</c>
/// per shopper turn, <c>&lt; text</c> for an assistant question before the next turn. Expectations are
/// <c>key=value</c> pairs separated by <c>;</c> and describe the whole spec after the turn (fields left out
/// are expected empty); in a conversation a leading <c>+</c> starts from the previous turn's expectation.
/// Keys: type, min, max, cur, qual (budget/premium), brands, not (excluded brands), attr, cond, rating,
/// compare (sides separated by <c>|</c>), ref, intent, unsupported, lines, nottype (a type that would be
/// the constraint read backwards). Attributes: <c>key&gt;=n</c>, <c>key&lt;=n</c>, <c>key=v</c>, <c>key</c>, <c>!key</c>.
/// </summary>
internal static class EvaluationSet
{
    public static List<EvaluationCase> Parse(string text)
    {
        var cases = new List<EvaluationCase>();
        string category = "";
        List<EvaluationTurn>? conversation = null;
        string? assistant = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                Flush();
                var header = line[2..].Trim();
                var isConversation = header.StartsWith("conversation:", StringComparison.Ordinal);
                category = isConversation ? header["conversation:".Length..].Trim() : header;
                conversation = isConversation ? [] : null;
                continue;
            }

            if (conversation is null)
            {
                var (message, expected) = Split(line);
                cases.Add(new EvaluationCase(category, false, [new EvaluationTurn(message, Expectation.Parse(expected, null), null)]));
            }
            else if (line.StartsWith('<'))
            {
                assistant = line[1..].Trim();
            }
            else
            {
                var (message, expected) = Split(line.TrimStart('>').Trim());
                var previous = conversation.Count > 0 ? conversation[^1].Expected : null;
                conversation.Add(new EvaluationTurn(message, Expectation.Parse(expected, previous), assistant));
                assistant = null;
            }
        }

        Flush();
        return cases;

        void Flush()
        {
            if (conversation is { Count: > 0 })
            {
                cases.Add(new EvaluationCase(category, true, [.. conversation]));
            }

            conversation = conversation is null ? null : [];
        }
    }

    private static (string Message, string Expected) Split(string line)
    {
        var at = line.LastIndexOf("=>", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"No '=>' in evaluation line: {line}");
        }

        return (line[..at].Trim(), line[(at + 2)..].Trim());
    }
}
