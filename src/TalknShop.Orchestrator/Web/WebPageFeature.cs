using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

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
        var files = PageFiles(app.Environment);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
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

    /// <summary>
    /// The web root of the content root (the project's wwwroot under <c>dotnet run</c>, so edits
    /// show at once), else the copy next to the assembly: the content root is the working
    /// directory, and a service manager starts the app from anywhere.
    /// </summary>
    private static IFileProvider PageFiles(IWebHostEnvironment environment)
    {
        if (environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            return environment.WebRootFileProvider;
        }

        var besideAssembly = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(besideAssembly) ? new PhysicalFileProvider(besideAssembly) : environment.WebRootFileProvider;
    }
}
