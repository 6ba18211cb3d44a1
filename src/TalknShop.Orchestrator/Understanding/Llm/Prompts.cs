using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Understanding.Llm;

/// <summary>The instructions and context each understanding step sends to the model.</summary>
internal static class Prompts
{
    private const int ConversationTail = 12;
    private static readonly JsonSerializerOptions SpecJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static Listing? s_listing;

    public const string ExtractionSystem = """
        You turn a shopper's words into a search specification for an online shopping assistant.
        Reply with ONE JSON object and nothing else (no prose, no code fences), with these keys:
        "new_search" (true when the shopper asks for a different kind of product or starts over, false when refining),
        "product_type" (one canonical type from the catalog list, or null),
        "attributes" (object: attribute key from that type's list -> {"op": "eq"|"gte"|"lte"|"contains", "number": n, "text": s, "flag": b, "unit": s}),
        "filters" (object of strings), "price" ({"min": n|null, "max": n|null, "currency": "USD"} or null),
        "brand_preferences" (catalog brands), "excluded_brands" (catalog brands), "rating_min" (0-5 or null),
        "condition" ("new"|"like_new"|"good"|"fair"|"refurbished"|"used" or null),
        "marketplaces" (subset of amazon, walmart, ebay, target, kroger), "keywords" (remaining useful words or null),
        "keywords_required" (true only when the shopper marked words as a must: quotes, "must have"),
        "product_lines" (named lines or models as the catalog's titles spell them, e.g. "Pixel 9", "Galaxy S24"),
        "compare" (when the shopper compares or hesitates between options, "A vs B", "A or B", "is A worth it over B":
          one {"label", "brand", "line", "product_type"} per side, every side kept; otherwise []),
        "referenced_result" (1-based position of a product from the previous results the shopper points at, "the second one"; else null),
        "use_case" (the need when the shopper describes one instead of naming a product, e.g. "drawing"; else null),
        "intent" ("shop", or "product_question" about a shown product, "thanks", "greeting", "support" for orders, returns
          or device help, "off_topic"),
        "unsupported_item" (an item the shopper asked for that no catalog type covers, e.g. "kayak"; else null),
        "price_qualifier" ("budget" or "premium" when the shopper says cheap/expensive without an amount; else null).
        Read negation and contrast in scope: "I don't want to spend more than 500" is a maximum of 500; "any brand
        except X", "not X", "moving from an iPhone" exclude that brand; "aren't wireless" is wireless false; "a second
        screen for my laptop" is a monitor and "better than my phone's camera" a camera: the thing the product is for
        or compared with is not the product type. Map a described need to the type that meets it ("my back hurts at my
        desk" is an office chair). Messages may be in any language and misspelled: answer with the catalog's English
        types and brand spellings. Never invent a budget: with no amount, leave "price" null and set "price_qualifier".
        Keep the currency the shopper used ("500 euros" is {"max": 500, "currency": "EUR"}). For thanks, greetings,
        support and off-topic messages, and questions about a shown product, keep the current specification unchanged
        apart from "intent" and "referenced_result".
        On a refinement, return the whole updated specification (the current one with the change applied).
        Use only product types, brands and attribute keys from the catalog list.
        """;

    public const string ClarificationSystem = """
        You decide whether a shopping search is specific enough to run, for an online shopping assistant.
        Ask only when the answer would change the results a lot (no product type; no budget and no other detail).
        Reply with ONE JSON object and nothing else:
        {"ask": true|false, "question": "one short question", "suggestions": ["2 to 4 short concrete answers"], "context": "product_type"|"budget"|"brand"|"feature"}.
        Suggestions must be concrete: price bands, brands or product types from the catalog facts given.
        """;

    public const string CompositionSystem = """
        You are a friendly shopping assistant. Write a short answer (at most 120 words) for the shopper
        about the products found: mention the best two or three by name with price and marketplace and
        why they fit. Plain conversational text only: no JSON, no markdown tables, no code.
        If no products were found, say so and suggest relaxing one requirement.
        If some sources failed, say the results may be partial.
        """;

    public static List<ChatMessage> Extraction(ExtractionRequest request, ICatalogTaxonomy taxonomy)
    {
        var user = new StringBuilder(CatalogListing(taxonomy));
        user.AppendLine().Append("Current specification: ").AppendLine(request.CurrentSpec is null ? "none (first search)" : JsonSerializer.Serialize(request.CurrentSpec, SpecJson));
        AppendMedia(user, request.Media);
        AppendConversation(user, request.Conversation);
        user.AppendLine().Append(request.AnsweringClarification ? "The latest message answers the assistant's question: " : "Latest message: ")
            .AppendLine(request.LatestUserText);
        return [new(ChatRole.System, ExtractionSystem), new(ChatRole.User, user.ToString())];
    }

    public static List<ChatMessage> Clarification(ClarificationRequest request, ProductTypeInfo? type, ICatalogTaxonomy taxonomy)
    {
        var user = new StringBuilder();
        user.Append("Specification: ").AppendLine(JsonSerializer.Serialize(request.Spec, SpecJson));
        if (type is not null)
        {
            user.Append("Catalog facts for ").Append(type.DisplayName).Append(": brands ").Append(string.Join(", ", type.Brands.Take(8)))
                .Append("; price bands ").AppendLine(string.Join(", ", type.PriceBands.Select(Band)));
        }
        else
        {
            user.Append("Catalog product types: ").AppendLine(string.Join(", ", taxonomy.ProductTypes.Select(t => t.DisplayName)));
        }

        user.Append("Questions already asked in this search: ").Append(request.QuestionsAskedThisSearch.ToString(CultureInfo.InvariantCulture))
            .Append(" of at most ").AppendLine(request.MaxQuestions.ToString(CultureInfo.InvariantCulture));
        AppendConversation(user, request.Conversation);
        return [new(ChatRole.System, ClarificationSystem), new(ChatRole.User, user.ToString())];
    }

    public static List<ChatMessage> Composition(CompositionRequest request)
    {
        var user = new StringBuilder();
        user.Append("What the shopper wants: ").AppendLine(JsonSerializer.Serialize(request.Spec, SpecJson));
        user.Append("Matching products in all: ").AppendLine(request.TotalMatched.ToString(CultureInfo.InvariantCulture));
        user.Append("Marketplaces searched: ").AppendLine(string.Join(", ", request.MarketplacesSearched.Select(Marketplaces.DisplayName)));
        if (request.FailedSources.Count > 0)
        {
            user.Append("Sources that failed: ").AppendLine(string.Join(", ", request.FailedSources));
        }

        user.AppendLine("Best products, best first:");
        foreach (var (product, rank) in request.Products.Select((p, i) => (p, i + 1)))
        {
            user.Append(rank.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(product.Title)
                .Append(" — ").Append(product.Price is { } price ? price.ToString("0.00", CultureInfo.InvariantCulture) + " " + product.Currency : "price unknown")
                .Append(" at ").Append(Marketplaces.DisplayName(product.Marketplace))
                .Append(product.Rating is { } rating ? $", rated {rating.ToString("0.0", CultureInfo.InvariantCulture)} ({product.ReviewCount} reviews)" : "")
                .Append(". Why: ").AppendLine(product.WhyRanked);
        }

        if (request.Conversation.LastOrDefault(m => m.Role == "user") is { } last)
        {
            user.Append("The shopper's last message: ").AppendLine(last.Content);
        }

        return [new(ChatRole.System, CompositionSystem), new(ChatRole.User, user.ToString())];
    }

    /// <summary>
    /// The catalog part of the extraction prompt, the same for every call while the catalog is: built
    /// once per taxonomy list (a reloaded catalog hands out a new list) instead of once per call.
    /// </summary>
    private static string CatalogListing(ICatalogTaxonomy taxonomy)
    {
        var types = taxonomy.ProductTypes;
        if (s_listing is { } cached && ReferenceEquals(cached.Types, types))
        {
            return cached.Text;
        }

        var text = new StringBuilder("Catalog (product_type: synonyms | brands | attribute keys):").AppendLine();
        foreach (var type in types)
        {
            text.Append("- ").Append(type.Name).Append(": ").Append(string.Join(", ", type.Synonyms.Take(4)))
                .Append(" | ").Append(string.Join(", ", type.Brands.Take(10)))
                .Append(" | ").AppendLine(string.Join(", ", type.AttributeKeys));
        }

        s_listing = new Listing(types, text.ToString());
        return s_listing.Text;
    }

    private sealed record Listing(IReadOnlyList<ProductTypeInfo> Types, string Text);

    private static void AppendMedia(StringBuilder user, MediaFindings? media)
    {
        if (media?.Transcript is { Length: > 0 } transcript)
        {
            user.Append("Voice message transcript: ").AppendLine(transcript);
        }

        if (media?.Image is { } image)
        {
            user.Append("Image shows: labels ").Append(string.Join(", ", image.Labels))
                .Append("; objects ").Append(string.Join(", ", image.Objects))
                .Append("; text ").Append(string.Join(", ", image.Text))
                .Append("; colors ").Append(string.Join(", ", image.DominantColors))
                .Append("; attributes ").AppendLine(string.Join(", ", image.Attributes.Select(a => $"{a.Key}={a.Value}")));
        }
    }

    private static void AppendConversation(StringBuilder user, IReadOnlyList<ConversationMessage> conversation)
    {
        user.AppendLine("Conversation so far:");
        foreach (var message in conversation.TakeLast(ConversationTail))
        {
            user.Append(message.Role).Append(": ").AppendLine(message.Content);
        }
    }

    private static string Band(PriceRange band) => (band.Min, band.Max) switch
    {
        (null, { } max) => $"under {max:0}",
        ({ } min, null) => $"over {min:0}",
        ({ } min, { } max) => $"{min:0}-{max:0}",
        _ => "any",
    };
}
