using System.Text.RegularExpressions;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>What a message does in the conversation besides stating constraints.</summary>
internal sealed record DialogueAct(string Intent, int? Reference, string? UnsupportedItem);

/// <summary>
/// Greetings, thanks, support and off-topic questions, references to a shown product by position
/// ("the second one"), questions about shown products, and items the catalog does not carry.
/// </summary>
internal static partial class DialogueReader
{
    /// <summary>Reads the act of a message; <paramref name="shopping"/> is whether it stated anything to search for.</summary>
    /// <param name="named">Whether it named a price, brand or line (then a "which one" is a new search, not a question).</param>
    public static DialogueAct Read(string text, bool shopping, bool hasResults, bool named)
    {
        var reference = Reference(text);
        if (GreetingRegex().IsMatch(text))
        {
            return new(Intents.Greeting, null, null);
        }

        if (ThanksRegex().IsMatch(text))
        {
            return new(Intents.Thanks, null, null);
        }

        if (SupportRegex().IsMatch(text))
        {
            return new(Intents.Support, null, null);
        }

        // "which one has the better camera" asks about what was shown, even though it names a type.
        if (hasResults && !named && (reference is not null || ShownQuestionRegex().IsMatch(text)) && (!shopping || WhichRegex().IsMatch(text)))
        {
            return new(Intents.ProductQuestion, reference, null);
        }

        if (shopping)
        {
            return new(Intents.Shop, null, null);
        }

        if (UnsupportedRegex().Match(text) is { Success: true } item)
        {
            return new(Intents.Shop, null, item.Groups["item"].Value.Trim());
        }

        return OffTopicRegex().IsMatch(text) ? new(Intents.OffTopic, null, null) : new(Intents.Shop, null, null);
    }

    private static int? Reference(string text)
    {
        var m = ReferenceRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        return m.Groups["n"].Value switch
        {
            "first" or "1st" or "1" or "top" => 1,
            "second" or "2nd" or "2" => 2,
            "third" or "3rd" or "3" => 3,
            "fourth" or "4th" or "4" => 4,
            "fifth" or "5th" or "5" => 5,
            _ => null,
        };
    }

    [GeneratedRegex(@"^\W*(?:hi|hello|hey|hiya|howdy|yo|hola|bonjour|salut|hallo|good\s+(?:morning|afternoon|evening))(?:\s+(?:there|all|everyone|again))?\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex GreetingRegex();

    [GeneratedRegex(@"^\W*(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice|got\s+it|that'?s\s+(?:all|it|great|perfect)|all\s+good)[\s,!.]*)*(?:thanks?|thank\s+you|thx|ty|cheers|gracias|merci|danke|much\s+appreciated)(?:\s+(?:so\s+much|a\s+lot|very\s+much|again|for\s+(?:the|your)\s+help))?(?:[\s,!.]*(?:that'?s\s+(?:all|it)|bye|goodbye))?\W*$|^\W*(?:that'?s\s+(?:all|it)|bye|goodbye|perfect)\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex ThanksRegex();

    [GeneratedRegex(@"\b(?:return\s+(?:policy|an?\s+item|it|something|my)|can\s+i\s+return|refunds?|reset\s+(?:my|the|it)|pair\s+(?:my|the|it)|(?:where|what)\s+is\s+my\s+order|track(?:ing)?\s+(?:my\s+)?(?:order|package)|my\s+(?:order|package|delivery)|cancel\s+(?:my\s+)?order|customer\s+(?:service|support)|talk\s+to\s+(?:a\s+)?(?:human|person|someone|agent)|how\s+long\s+does\s+(?:shipping|delivery)|shipping\s+(?:time|cost|policy)|warranty\s+claim|how\s+do\s+i\s+(?:fix|connect|set\s+up|update|charge|use)|(?:isn'?t|is\s+not|stopped|not)\s+working|broken\s+and)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SupportRegex();

    [GeneratedRegex(@"\b(?:the\s+)?(?<n>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|top)\s+(?:one|option|result|pick|item|choice)\b|\b(?:number|option|#|no\.?)\s*(?<n>[1-5])\b|^\W*(?:the\s+)?(?<n>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex(@"^\W*(?:so\s+|ok(?:ay)?\s+|and\s+)?which\s+(?:one|of)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhichRegex();

    [GeneratedRegex(@"\b(?:which\s+(?:one|of\s+(?:these|those|them|the\s+two))|the\s+(?:last|other|cheaper|cheapest|best)\s+one|tell\s+me\s+more|more\s+(?:info|details)\s+(?:about|on)|does\s+(?:it|that\s+one|this\s+one)|is\s+(?:it|that\s+one|this\s+one)|do\s+(?:they|any\s+of\s+them))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShownQuestionRegex();

    [GeneratedRegex(@"\b(?:(?:i\s+)?(?:want|need|looking\s+for|look\s+for|shopping\s+for|searching\s+for)(?:\s+to\s+(?:buy|get|find))?|buy|get\s+me|do\s+you\s+(?:sell|have|carry|stock)|you\s+(?:sell|have|carry))\s+(?:an?\s+|some\s+|any\s+|new\s+|the\s+)*(?<item>[a-z][a-z\-]*(?:\s+(?!like\b|for\b|that\b|which\b|under\b|with\b|and\b|or\b|to\b|from\b)[a-z][a-z\-]*)?)|^\W*(?:an?\s+|some\s+)?(?<item>[a-z]+)\s+(?:for|that\s+fits?|to\s+fit)\s+(?:my|an?|the)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnsupportedRegex();

    [GeneratedRegex(@"\b(?:weather|joke|poem|story|capital\s+of|who\s+(?:won|is|are|was)|what\s+time|news|recipe|plus|minus|times|meaning\s+of\s+life|your\s+name|are\s+you\s+(?:a\s+)?(?:bot|human|real)|sing|translate|homework\s+help)\b|^\W*(?:what|who|when|where|why|how)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OffTopicRegex();
}
