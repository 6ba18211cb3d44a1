using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class ProductKeysTests
{
    public static TheoryData<string> Titles => new()
    {
        "Dell XPS 15 (2024) – 16GB/512GB, Core i7",
        "  Sony WH-1000XM5   Wireless   Noise-Cancelling ",
        "Apple iPhone 16 Pro Max",
        "Café Crème ÉLITE espresso machine",
        "",
        "---",
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void HasWord_AgreesWithTheNormalizedTitlesWords(string title)
    {
        var words = ProductKeys.NormalizeTitle(title).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(words, w => Assert.True(ProductKeys.HasWord(title, w), $"'{w}' in '{title}'"));
        foreach (var word in words)
        {
            // A prefix, an extension and a join of two words are not words of the title.
            Assert.Equal(words.Contains(word[..^1]), word.Length > 1 && ProductKeys.HasWord(title, word[..^1]));
            Assert.False(ProductKeys.HasWord(title, word + "x") && !words.Contains(word + "x"));
        }

        Assert.False(ProductKeys.HasWord(title, string.Concat(words.Take(2))) && words.Length > 1 && !words.Contains(string.Concat(words.Take(2))));
    }
}
