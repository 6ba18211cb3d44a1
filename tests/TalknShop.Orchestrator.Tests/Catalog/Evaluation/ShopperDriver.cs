using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Catalog.Evaluation;

/// <summary>A question the assistant asked, with what was sent before it, so a later run can replay to it and click each suggestion.</summary>
internal sealed record AskedQuestion(IReadOnlyList<(string Text, bool IsAnswer)> Before, string Question, IReadOnlyList<string> Suggestions);

/// <summary>How one conversation went, as a shopper saw it.</summary>
internal sealed record Conversation(
    int QuestionsBeforeProducts,
    bool GotResults,
    IReadOnlyList<string> ProductIds,
    string Answer,
    IReadOnlyList<AskedQuestion> Questions,
    JsonElement? Spec);

/// <summary>
/// Plays a shopper over a real socket: sends the scripted messages (as answers when a question is
/// pending) and, when the script runs out while a question waits, clicks its first suggestion, as
/// most shoppers do. Stops at the first products, or after <see cref="MaxQuestions"/> questions.
/// </summary>
internal static class ShopperDriver
{
    public const int MaxQuestions = 3;

    public static async Task<Conversation> RunAsync(OrchestratorHost host, IReadOnlyList<string> turns, CancellationToken cancellationToken)
    {
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: cancellationToken);
        await using var __ = client;
        var sent = new List<(string, bool)>();
        var questions = new List<AskedQuestion>();
        var asked = 0;
        var script = new Queue<string>(turns);
        ClarificationFrame? pending = null;
        while (true)
        {
            string text;
            if (script.Count > 0)
            {
                text = script.Dequeue();
            }
            else if (pending is not null && pending.Suggestions.Count > 0 && asked < MaxQuestions)
            {
                text = pending.Suggestions[0];
            }
            else
            {
                return new Conversation(asked, false, [], pending?.Question ?? "", questions, null);
            }

            var isAnswer = pending is not null;
            sent.Add((text, isAnswer));
            var frames = await SendAsync(client, text, isAnswer, cancellationToken);
            var last = frames[^1];
            if (last.Type() == "clarification")
            {
                pending = ClarificationFrame.From(last);
                questions.Add(new AskedQuestion([.. sent], pending.Question, pending.Suggestions));
                asked++;
                continue;
            }

            pending = null;
            var results = frames.LastOrDefault(f => f.Type() == "results");
            if (results.ValueKind == JsonValueKind.Undefined)
            {
                if (script.Count > 0)
                {
                    continue;
                }

                return new Conversation(asked, false, [], AnswerOf(frames), questions, null);
            }

            var ids = results.Data().GetProperty("products").EnumerateArray().Select(p => p.GetProperty("product_id").GetString()!).ToList();
            if (ids.Count > 0 || script.Count == 0)
            {
                return new Conversation(asked, true, ids, AnswerOf(frames), questions, results.Data().GetProperty("requirement_spec").Clone());
            }
        }
    }

    /// <summary>Replays <paramref name="question"/>'s conversation, clicks <paramref name="suggestion"/>, and returns the products shown.</summary>
    public static async Task<(IReadOnlyList<string> ProductIds, string Outcome)> ClickAsync(
        OrchestratorHost host, AskedQuestion question, string suggestion, CancellationToken cancellationToken)
    {
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: cancellationToken);
        await using var __ = client;
        foreach (var (text, isAnswer) in question.Before)
        {
            await SendAsync(client, text, isAnswer, cancellationToken);
        }

        var frames = await SendAsync(client, suggestion, isAnswer: true, cancellationToken);
        var last = frames[^1];
        if (last.Type() == "clarification")
        {
            return ([], "another question: " + last.Data().GetProperty("question").GetString());
        }

        var results = frames.LastOrDefault(f => f.Type() == "results");
        if (results.ValueKind == JsonValueKind.Undefined)
        {
            return ([], "no results: " + last.Type());
        }

        var ids = results.Data().GetProperty("products").EnumerateArray().Select(p => p.GetProperty("product_id").GetString()!).ToList();
        return (ids, ids.Count > 0 ? "products" : "empty results");
    }

    private static async Task<List<JsonElement>> SendAsync(ChatClient client, string text, bool isAnswer, CancellationToken cancellationToken)
    {
        await client.SendJsonAsync(new { type = isAnswer ? "answer" : "message", message = text }, cancellationToken);
        return await client.ReceiveUntilAsync(cancellationToken, "done", "clarification", "error");
    }

    private static string AnswerOf(IEnumerable<JsonElement> frames) =>
        string.Concat(frames.Where(f => f.Type() == "token").Select(f => f.Data().GetProperty("content").GetString()));

    private sealed record ClarificationFrame(string Question, IReadOnlyList<string> Suggestions)
    {
        public static ClarificationFrame From(JsonElement frame) => new(
            frame.Data().GetProperty("question").GetString() ?? "",
            [.. frame.Data().GetProperty("suggestions").EnumerateArray().Select(s => s.GetString() ?? "")]);
    }
}
