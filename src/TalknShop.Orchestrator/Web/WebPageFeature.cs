using Microsoft.AspNetCore.StaticFiles;

namespace TalknShop.Orchestrator.Web;

/// <summary>The browser chat page: plain files from <c>wwwroot</c>, <c>index.html</c> at <c>/</c>.</summary>
internal static class WebPageFeature
{
    // The page loads nothing from elsewhere but product images, and talks only to its own host
    // ('self' covers ws:/wss: of the same host), so a strict policy costs nothing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication MapWebPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidate every time (the ETag makes that cheap): modules are unversioned file
                // names, and a stale one next to a fresh one would break the page after a deploy.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                }
            },
        });
        return app;
    }
}
