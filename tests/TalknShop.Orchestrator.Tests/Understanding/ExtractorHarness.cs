using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>Builds extraction requests the way the flow does: the conversation ends with the latest user text.</summary>
internal static class ExtractorHarness
{
    public static readonly ICatalogTaxonomy Taxonomy = new TestTaxonomy();

    public static Task<ExtractionResult> ExtractAsync(
        string text,
        RequirementSpec? current = null,
        bool answering = false,
        MediaFindings? media = null,
        string? lastQuestion = null)
    {
        var conversation = new List<ConversationMessage>();
        if (lastQuestion is not null)
        {
            conversation.Add(new ConversationMessage("assistant", lastQuestion, DateTimeOffset.UnixEpoch));
        }

        conversation.Add(new ConversationMessage("user", text, DateTimeOffset.UnixEpoch));
        var extractor = new OfflineRequirementExtractor(Taxonomy);
        return extractor.ExtractAsync(new ExtractionRequest(current, conversation, text, media, answering), CancellationToken.None);
    }

    public static RequirementSpec Laptop() => new()
    {
        ProductType = "laptop",
        Price = new PriceRange(null, 1000),
        BrandPreferences = ["Dell"],
        Attributes = new() { ["ram_gb"] = AttributeConstraint.AtLeast(16, "GB") },
        Keywords = "gaming",
    };
}
