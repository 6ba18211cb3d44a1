using System.Net;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Http;

public sealed class HealthMethodTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthEndpoints_AnswerGetAndHeadOnly(string path)
    {
        await using var host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        using var http = host.CreateHttpClient();

        foreach (var method in new[] { "GET", "HEAD" })
        {
            using var ok = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS" })
        {
            using var refused = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        }
    }
}
