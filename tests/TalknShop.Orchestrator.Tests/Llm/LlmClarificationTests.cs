using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>The model's clarification decisions stay within the contract: the cap, and never an empty question.</summary>
public sealed class LlmClarificationTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));
    private ModelFake _model = null!;

    public async Task InitializeAsync() => _model = await ModelFake.StartAsync(ModelWire.Anthropic);

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task AtTheQuestionCap_SearchesWithoutAskingTheModel()
    {
        _model.Script = (step, _) => step switch
        {
            ModelFake.Extract => new("""{"new_search": false, "product_type": "laptop"}"""),
            ModelFake.Clarify => new("""{"ask": true, "question": "Which colour do you like?", "suggestions": ["Black", "Silver"], "context": "feature"}"""),
            _ => new("Here are some laptops."),
        };
        var settings = _model.Settings();
        settings["MAX_CLARIFICATION_LOOPS"] = "1";
        await using var host = new OrchestratorHost(settings);
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: _timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("a laptop", cancellationToken: _timeout.Token);
        var first = await client.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");
        Assert.Equal("Which colour do you like?", first[^1].Data().GetProperty("question").GetString());

        await client.SendMessageAsync("Black", cancellationToken: _timeout.Token);
        var second = await client.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");
        Assert.Equal("done", second[^1].Type());
        Assert.Equal(1, _model.Calls(ModelFake.Clarify));
    }

    [Theory]
    [InlineData("""{"ask": true, "question": "", "suggestions": ["Under $500"]}""")]
    [InlineData("""{"ask": true, "question": "What budget?", "suggestions": []}""")]
    [InlineData("""{"ask": true}""")]
    public async Task EmptyQuestionOrNoSuggestions_UsesTheBuiltInQuestion(string reply)
    {
        _model.Script = (step, _) => step switch
        {
            ModelFake.Extract => new("""{"new_search": true, "product_type": "laptop"}"""),
            ModelFake.Clarify => new(reply),
            _ => new("Here are some laptops."),
        };
        await using var host = new OrchestratorHost(_model.Settings());
        var (client, _) = await ChatClient.OpenAsync(host, cancellationToken: _timeout.Token);
        await using var __ = client;

        await client.SendMessageAsync("a laptop", cancellationToken: _timeout.Token);
        var frames = await client.ReceiveUntilAsync(_timeout.Token, "done", "clarification", "error");

        var question = frames[^1];
        Assert.Equal("clarification", question.Type());
        Assert.False(string.IsNullOrWhiteSpace(question.Data().GetProperty("question").GetString()));
        Assert.True(question.Data().GetProperty("suggestions").GetArrayLength() >= 2);
        Assert.Contains(frames, f => f.Type() == "progress" && f.Data().GetProperty("message").GetString()!.Contains("built-in", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Type() == "clarification" && f.Data().GetProperty("question").ValueKind == JsonValueKind.Null);
    }
}
