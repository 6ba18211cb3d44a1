using TalknShop.Orchestrator.Catalog;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class ProductKeysTests
{
    private static readonly string[] SampleTitles =
    [
        "Dell XPS 15 (2024) – 16GB/512GB, Core i7",
        "  Sony WH-1000XM5   Wireless   Noise-Cancelling ",
        "Apple iPhone 16 Pro Max",
        "Café Crème ÉLITE espresso machine",
        "",
        "---",
    ];

    public static TheoryData<string> Titles => [.. SampleTitles];

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

    [Fact]
    public void SameTitle_AgreesWithComparingNormalizedTitles()
    {
        string[] titles =
        [
            .. SampleTitles, "dell xps 15 2024 16gb 512gb core i7", "DELL XPS-15 (2024) 16GB 512GB Core-i7!",
            "Dell XPS 15 2024 16GB 512GB Core i", "Dell XPS 15 2024 16GB 512GB Core i77", "Dell XPS152024 16GB 512GB Core i7",
            "sony wh 1000xm5 wireless noise cancelling", "Sony WH-1000XM5 Wireless Noise-Cancelling.", "-", " ", "a", "A!", "a b", "ab",
        ];

        foreach (var left in titles)
        {
            foreach (var right in titles)
            {
                var same = ProductKeys.NormalizeTitle(left) == ProductKeys.NormalizeTitle(right);
                Assert.True(same == ProductKeys.SameTitle.Equals(left, right), $"'{left}' vs '{right}'");
                if (same)
                {
                    Assert.Equal(ProductKeys.SameTitle.GetHashCode(left), ProductKeys.SameTitle.GetHashCode(right));
                }
            }
        }
    }
}
