using System.Globalization;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Understanding;

/// <summary>The extraction table: every case must pass, and the accuracy report prints per-field figures.</summary>
public sealed class OfflineRequirementExtractorTableTests(TaxonomyFixture fixture, ITestOutputHelper output)
    : IClassFixture<TaxonomyFixture>
{
    private const double RequiredAccuracy = 0.95;
    private const int MinimumCases = 70;

    public static TheoryData<string> Cases => ExtractionCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExtractAsync_TableCase_MatchesExpectedSpec(string line)
    {
        var expected = ExtractionCase.Parse(line);

        var spec = await ExtractAsync(expected.Text);

        var wrong = expected.Score(spec, fixture.Taxonomy).Where(f => !f.Value).Select(f => f.Key).ToList();
        Assert.True(wrong.Count == 0, $"Wrong {string.Join(", ", wrong)} for \"{expected.Text}\": {ExtractionCase.Describe(spec)}");
    }

    [Fact]
    public async Task ExtractAsync_WholeTable_ReachesRequiredAccuracy()
    {
        var cases = ExtractionCases.Lines().Select(ExtractionCase.Parse).ToList();
        var correct = ExtractionCase.Fields.ToDictionary(f => f, _ => 0);
        var fullyCorrect = 0;
        foreach (var item in cases)
        {
            var score = item.Score(await ExtractAsync(item.Text), fixture.Taxonomy);
            foreach (var (field, ok) in score)
            {
                correct[field] += ok ? 1 : 0;
            }

            fullyCorrect += score.Values.All(ok => ok) ? 1 : 0;
        }

        output.WriteLine($"{cases.Count} cases, {fullyCorrect} fully correct");
        foreach (var (field, count) in correct)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field,-16} {count,3}/{cases.Count} = {100.0 * count / cases.Count:F1}%"));
        }

        var overall = correct.Values.Sum() / (double)(cases.Count * ExtractionCase.Fields.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall          {100 * overall:F1}%"));
        Assert.True(cases.Count >= MinimumCases, $"only {cases.Count} cases");
        Assert.True(overall >= RequiredAccuracy, $"overall accuracy {overall:P1}");
    }

    private async Task<TalknShop.Orchestrator.Catalog.RequirementSpec> ExtractAsync(string text)
    {
        var extractor = new OfflineRequirementExtractor(fixture.Taxonomy);
        var request = new ExtractionRequest(null, [new ConversationMessage("user", text, DateTimeOffset.UnixEpoch)], text, null, false);
        var result = await extractor.ExtractAsync(request, CancellationToken.None);
        Assert.True(result.IsNewSearch);
        return result.Spec;
    }
}
