using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Turns.Events;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Benchmarks.Sessions;

/// <summary>
/// What one offline search turn hands the store, built with the service's own types: the session
/// record as it is saved (spec, last results with 10 products, 20 messages) and the turn's frames
/// in the order <c>TurnProcessor</c> and <c>TurnEventSink</c> publish them.
/// </summary>
internal sealed class SearchTurn
{
    private const string TurnId = "turn_0123456789ab";
    // Today, to the whole second: a session past its ExpiresAt reads as absent (a fixed date made every
    // run after it expired fail), and whole seconds keep the record's JSON the same length every run.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public SearchTurn(string sessionId)
    {
        var spec = new RequirementSpec
        {
            ProductType = "laptop",
            Price = new PriceRange(null, 1000m),
            Attributes = { ["ram_gb"] = AttributeConstraint.AtLeast(16, "GB"), ["storage_gb"] = AttributeConstraint.AtLeast(512, "GB") },
            BrandPreferences = ["Dell", "Lenovo", "HP"],
            Keywords = "lightweight",
        };
        var products = Enumerable.Range(0, 10).Select(Product).ToList();
        string[] searched = ["amazon", "walmart", "ebay", "target"];
        var answer = AnswerText.Write(new CompositionRequest(spec, products, 42, searched, [], []), type: null);
        var results = new SearchResults(products, 42, spec, answer.Trim(), searched, []);

        // The conversation so far: ten exchanges, each a request and the answer it got.
        var messages = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? new ConversationMessage("user", i == 0 ? "I want a laptop under $1000" : "with at least 16 GB of RAM, and lightweight please", Now.AddMinutes(i))
            : new ConversationMessage("assistant", answer, Now.AddMinutes(i))).ToList();
        Record = new SessionRecord
        {
            SessionId = sessionId,
            UserId = "user_bench_0001",
            CreatedAt = Now,
            UpdatedAt = Now,
            ExpiresAt = Now.AddHours(24),
            ProcessedMessageIds = [.. Enumerable.Range(0, 10).Select(i => $"msg_{i:D4}_{Guid.Empty:N}")],
            Flow = new FlowState { Stage = Stages.Completed, Spec = spec, Messages = messages, LastResults = results },
        };
        Input = new TurnInput("with at least 16 GB of RAM, and lightweight please", [], IsAnswer: false);

        var frames = new List<(string Type, EventData Data)>
        {
            (EventTypes.Thinking, new ThinkingData("Working on it…")),
            (EventTypes.Progress, new ProgressData(NodeNames.ParseInput, Stages.Initial, "Reading your message…")),
            (EventTypes.Progress, new ProgressData(NodeNames.BuildRequirementSpec, Stages.RequirementBuilding, "Understanding your request…")),
            (EventTypes.Progress, new ProgressData(NodeNames.SearchMarketplaces, Stages.Searching, "Searching Amazon, Walmart, eBay, Target, Kroger…")),
            (EventTypes.Progress, new ProgressData(NodeNames.RankAndCompose, Stages.Ranking, "Comparing the best matches…")),
        };
        frames.AddRange(OfflineAnswerComposer.Chunks(answer).Select(piece => (EventTypes.Token, (EventData)new TokenData(piece, false))));
        frames.Add((EventTypes.Token, new TokenData("", true)));
        frames.Add((EventTypes.Results, new ResultsData(new SearchResults(products, 42, spec, results.FinalResponse, searched, []))));
        frames.Add((EventTypes.Progress, new ProgressData(NodeNames.Done, Stages.Completed, "All done.")));
        frames.Add((EventTypes.Done, new DoneData("Search completed", sessionId, "completed")));
        Events = [.. frames.Select((f, i) => (f.Type, EventFrames.Create(f.Data, Now, sessionId, i + 1, TurnId)))];
    }

    /// <summary>The record as the turn reads it (version not set).</summary>
    public SessionRecord Record { get; }

    public TurnInput Input { get; }

    /// <summary>Every frame of the turn, <c>thinking</c> first and <c>done</c> last (seq in the JSON is the first turn's).</summary>
    public IReadOnlyList<(string Type, byte[] Frame)> Events { get; }

    /// <summary>A mid-answer <c>token</c> frame, the most common event.</summary>
    public (string Type, byte[] Frame) Token => Events.First(e => e.Type == EventTypes.Token);

    public int RecordBytes => System.Text.Encoding.UTF8.GetByteCount(SessionJsonContext.Serialize(Record));

    public int ResultsFrameBytes => Events.Single(e => e.Type == EventTypes.Results).Frame.Length;

    private static Product Product(int i) => new()
    {
        ProductId = $"B0{i:D8}",
        Marketplace = i % 3 == 0 ? "walmart" : "amazon",
        Title = $"Dell Inspiron 15 3530 Laptop, 15.6\" FHD, Intel Core i7, model {i}",
        Description = "15.6 inch Full HD (1920 x 1080) anti-glare laptop with a 13th Gen Intel Core i7-1355U, 16 GB DDR4 RAM, a 512 GB PCIe NVMe SSD, Intel Iris Xe graphics, Wi-Fi 6, a backlit keyboard and Windows 11 Home",
        Price = 649.99m + (i * 25),
        Rating = 4.5 - (i * 0.05),
        ReviewCount = 1200 + (i * 37),
        SellerName = "Dell Technologies",
        ShippingInfo = "Free shipping",
        DeepLink = $"https://www.amazon.com/dp/B0{i:D8}",
        MarketplaceUrl = "https://www.amazon.com/",
        ImageUrl = $"https://images.talknshop.example/products/B0{i:D8}.jpg",
        Attributes = new Dictionary<string, string> { ["ram_gb"] = "16", ["storage_gb"] = "512", ["screen_inches"] = "15.6" },
        WhyRanked = "Fits your $1,000 budget at $649; 16 GB RAM as asked; rated 4.5 by 1,200 buyers",
    };
}
