using TalknShop.Orchestrator.Understanding.Offline;
using Xunit.Abstractions;

namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>
/// Issue 16's evaluation of the offline understanding against the real catalog vocabulary. The
/// held-out set was written before the extractor changed and is never tuned on; both sets print
/// their figures (run with <c>--logger "console;verbosity=detailed"</c> to see them).
/// </summary>
public sealed class UnderstandingEvaluationTests(TaxonomyFixture fixture, ITestOutputHelper output) : IClassFixture<TaxonomyFixture>
{
    // Floors sit under the measured figures (held-out 99.3 %, tuning 99.7 %), so a regression fails the suite;
    // the issue's target on requests not tuned on is 90 % with no inversion.
    private const double HeldOutFloor = 0.95;
    private const double TuningFloor = 0.97;

    [Fact]
    public async Task Evaluate_HeldOutSet_MeetsFloorWithoutInversions()
    {
        var turns = await RunAsync(HeldOutSet.Text, "held-out");

        Assert.True(Evaluator.FullyRight(turns) >= HeldOutFloor, $"held-out fully right {Evaluator.FullyRight(turns):P1}");
        Assert.Equal(0, Evaluator.Inversions(turns));
    }

    [Fact]
    public async Task Evaluate_TuningSet_MeetsFloorWithoutInversions()
    {
        var turns = await RunAsync(TuningSet.Text, "tuning");

        Assert.True(Evaluator.FullyRight(turns) >= TuningFloor, $"tuning fully right {Evaluator.FullyRight(turns):P1}");
        Assert.Equal(0, Evaluator.Inversions(turns));
    }

    [Fact]
    public async Task Evaluate_SetSizes_MeetTheIssue()
    {
        var heldOut = EvaluationSet.Parse(HeldOutSet.Text);

        Assert.True(heldOut.Count(c => !c.IsConversation) >= 100, "held-out messages");
        Assert.True(heldOut.Count(c => c.IsConversation) >= 14, "held-out conversations");
        var tuning = EvaluationSet.Parse(TuningSet.Text);
        Assert.True(tuning.Count(c => !c.IsConversation) >= 200, $"tuning messages {tuning.Count(c => !c.IsConversation)}");
        Assert.True(tuning.Count(c => c.IsConversation) >= 26, "tuning conversations");
        await Task.CompletedTask;
    }

    private async Task<List<ScoredTurn>> RunAsync(string set, string title)
    {
        var turns = await Evaluator.RunAsync(new OfflineRequirementExtractor(fixture.Taxonomy), EvaluationSet.Parse(set));
        output.WriteLine(Evaluator.Report(title, turns));
        foreach (var wrong in turns.Where(t => !t.Score.AllRight))
        {
            output.WriteLine(Evaluator.Describe(wrong));
        }

        return turns;
    }
}
