using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Tests.Understanding;

public sealed class OfflineAnswerComposerTests
{
    private static readonly RequirementSpec Spec = new()
    {
        ProductType = "laptop",
        Price = new PriceRange(null, 1000),
        BrandPreferences = ["Dell"],
    };

    private readonly OfflineAnswerComposer _composer = new(ExtractorHarness.Taxonomy);

    [Fact]
    public async Task ComposeAsync_WithResults_NamesTopThreeWithPricesAndReasons()
    {
        var text = await ComposeAsync(Request(Products(5), total: 12));

        Assert.Contains("12 matches", text, StringComparison.Ordinal);
        Assert.Contains("Dell Laptop 1, $899.99 at Amazon", text, StringComparison.Ordinal);
        Assert.Contains("Dell Laptop 2", text, StringComparison.Ordinal);
        Assert.Contains("Dell Laptop 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dell Laptop 4", text, StringComparison.Ordinal);
        Assert.Contains("Fits your budget and matches Dell", text, StringComparison.Ordinal);
        Assert.Contains("$1,047", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_WithResults_IsPlainTextWithoutJson()
    {
        var text = await ComposeAsync(Request(Products(3), total: 3));

        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("product_id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("|", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_WithResults_EndsWithHowToNarrowDown()
    {
        var text = await ComposeAsync(Request(Products(3), total: 30));

        Assert.EndsWith("tell me a must-have feature.", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_FailedSources_MentionsPartialResults()
    {
        var text = await ComposeAsync(Request(Products(2), total: 2, failed: ["walmart"]));

        Assert.Contains("couldn't be searched just now (Walmart)", text, StringComparison.Ordinal);
        Assert.Contains("incomplete", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_NoResults_SuggestsRaisingBudgetAndRemovingBrand()
    {
        var spec = Spec with { ExcludedBrands = ["Apple"], RatingMin = 4.5 };

        var text = await ComposeAsync(Request([], total: 0) with { Spec = spec });

        Assert.Contains("couldn't find any laptops from Dell under $1,000", text, StringComparison.Ordinal);
        Assert.Contains("raising the budget above $1,000", text, StringComparison.Ordinal);
        Assert.Contains("removing the brand filter (Dell)", text, StringComparison.Ordinal);
        Assert.Contains("allowing Apple again", text, StringComparison.Ordinal);
        Assert.Contains("lowering the minimum rating", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_Streams_ASentenceAtATime_ThatJoinIntoTheAnswer()
    {
        var request = Request(Products(3), total: 9);
        var chunks = new List<string>();
        await foreach (var chunk in _composer.ComposeAsync(request, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        // Progressive, but a handful of token events rather than one per few words.
        Assert.InRange(chunks.Count, 4, 12);
        Assert.Equal(AnswerText.Write(request, ExtractorHarness.Taxonomy.FindType("laptop")), string.Concat(chunks));
        Assert.StartsWith("I found 9 matches", chunks[0], StringComparison.Ordinal);
        Assert.EndsWith(".", chunks[0].TrimEnd(), StringComparison.Ordinal);
        Assert.All(chunks, c => Assert.Matches(@"[.!?:]\s*$|\n$", c));
        // A numbered line's "1." does not end a sentence.
        Assert.Contains(chunks, c => c.StartsWith("1. Dell Laptop 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ComposeAsync_CancelledMidStream_StopsWithCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _composer.ComposeAsync(Request(Products(3), total: 3), cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, received);
    }

    [Fact]
    public async Task ComposeAsync_CancelledBeforeStart_YieldsNothing()
    {
        var enumerator = _composer.ComposeAsync(Request(Products(1), total: 1), new CancellationToken(canceled: true)).GetAsyncEnumerator();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await enumerator.MoveNextAsync());
        await enumerator.DisposeAsync();
    }

    private async Task<string> ComposeAsync(CompositionRequest request)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in _composer.ComposeAsync(request, CancellationToken.None))
        {
            text.Append(chunk);
        }

        return text.ToString();
    }

    private static CompositionRequest Request(IReadOnlyList<Product> products, int total, IReadOnlyList<string>? failed = null) =>
        new(Spec, products, total, ["amazon", "walmart"], failed ?? [], []);

    private static List<Product> Products(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new Product
        {
            ProductId = $"p{i}",
            Marketplace = i == 2 ? "walmart" : "amazon",
            Title = $"Dell Laptop {i}",
            Price = i == 1 ? 899.99m : 900 + (i * 49),
            WhyRanked = "fits your budget and matches Dell.",
        }),
    ];
}
