using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>
/// Answers to a pending question that the flow settles itself, before any extraction: a click on a
/// suggestion applies the spec that suggestion was checked with, and "no preference" in its many
/// forms answers the question without adding anything (an extractor would keep "preference" as a
/// word to match and empty the search).
/// </summary>
internal static class ClarificationAnswers
{
    private static readonly HashSet<string> NoPreference = new(StringComparer.Ordinal)
    {
        "no preference", "no preferences", "no pref", "none", "no", "nope", "not really", "nah",
        "whatever", "whichever", "any", "anything", "any price", "any budget", "no budget", "any brand", "any of them",
        "either", "either one", "all", "everything", "all of them", "skip", "pass", "next",
        "just show me", "show me", "show me anything", "show me everything", "show me what you have", "show me what you ve got",
        "just show me anything", "just show me everything", "just show me something", "show me something", "surprise me",
        "i don t care", "i dont care", "don t care", "dont care", "doesn t matter", "doesnt matter", "does not matter",
        "it doesn t matter", "it doesnt matter", "not sure", "i m not sure", "im not sure", "no idea", "dunno", "idk",
        "up to you", "you choose", "you pick", "your call", "you decide", "anything is fine", "any is fine", "whatever works",
        "no particular", "nothing in particular", "not picky", "i m flexible", "im flexible", "flexible", "open", "i m open", "im open",
    };

    /// <summary>The spec of the suggestion the shopper clicked (or typed word for word), or null.</summary>
    public static RequirementSpec? Chosen(ClarifyingQuestion question, string text)
    {
        if (question.Answers is not { Count: > 0 } answers)
        {
            return null;
        }

        var typed = Normalize(text);
        foreach (var (suggestion, spec) in answers)
        {
            if (Normalize(suggestion) == typed)
            {
                return spec;
            }
        }

        return null;
    }

    public static bool IsNoPreference(string text)
    {
        var typed = Normalize(text);
        foreach (var filler in (string[])["thanks", "thank you", "please", "just", "really", "honestly", "um", "uh", "ok", "okay", "oh"])
        {
            typed = (" " + typed + " ").Replace(" " + filler + " ", " ", StringComparison.Ordinal).Trim();
        }

        return typed.Length > 0 && (NoPreference.Contains(typed) || NoPreference.Contains("just " + typed));
    }

    private static string Normalize(string text) =>
        string.Join(' ', new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '$' or '.' ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.').Trim();
}
