using System.Net;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Web;

/// <summary>How the page's files are served, without a browser.</summary>
public sealed class WebPageHttpTests : HttpHostTest
{
    [Fact]
    public async Task Root_Get_ServesChatPageWithStrictPolicy()
    {
        using var response = await Http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", html, StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/js/connection.js", "text/javascript")]
    [InlineData("/css/chat.css", "text/css")]
    public async Task Asset_Get_ServedWithItsType(string path, string mediaType)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Page_References_NothingFromAnotherHost()
    {
        foreach (var path in new[] { "/", "/css/chat.css", "/js/app.js", "/js/connection.js", "/js/turns.js", "/js/products.js", "/js/dom.js", "/js/history.js" })
        {
            var text = await Http.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", text);
            Assert.DoesNotMatch(@"@import|url\(\s*[""']?(https?:)?//", text);
        }
    }

    [Fact]
    public async Task ApiDocs_StillServed_BesideThePage()
    {
        using var response = await Http.GetAsync(new Uri("/docs/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
