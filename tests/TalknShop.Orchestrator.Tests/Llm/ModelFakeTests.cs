using System.Net;
using System.Text;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>
/// The fake model counts model calls only. A test that hands a picked free port to a child process
/// can race a fake for it, and the loser's traffic then reaches the fake: a service's <c>GET /alive</c>
/// polls or a DynamoDB client's <c>POST /</c> were counted as compose calls
/// (<c>ValidationException_IsNotRetried_AndHealthNamesIt</c> once saw 2).
/// </summary>
public sealed class ModelFakeTests
{
    [Theory]
    [InlineData(ModelWire.Bedrock)]
    [InlineData(ModelWire.Anthropic)]
    [InlineData(ModelWire.OpenAI)]
    public async Task StrayRequests_AreAnswered404_AndNotCountedAsModelCalls(ModelWire wire)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var model = await ModelFake.StartAsync(wire);
        model.Script = (_, _) => ModelReply.Error(400);
        using var http = new HttpClient { BaseAddress = model.BaseUri };

        using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative), timeout.Token);
        using var dynamo = new StringContent("""{"TableName":"sessions","Key":{"pk":{"S":"s#1"}}}""", Encoding.UTF8, "application/x-amz-json-1.0");
        dynamo.Headers.Add("X-Amz-Target", "DynamoDB_20120810.GetItem");
        using var dynamoReply = await http.PostAsync(new Uri("/", UriKind.Relative), dynamo, timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, alive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dynamoReply.StatusCode);
        Assert.Equal(0, model.Calls(ModelFake.Compose) + model.Calls(ModelFake.Extract) + model.Calls(ModelFake.Clarify));
        Assert.Empty(model.Captured);
    }
}
