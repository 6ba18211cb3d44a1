using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// A stand-in for a remote HTTP service on a real loopback port. Each request is recorded and
/// answered by <see cref="Handler"/>, which a test can swap at any time.
/// </summary>
public sealed class FakeHttpService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHttpService(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Func<HttpContext, string, Task> Handler { get; set; } = (ctx, _) => { ctx.Response.StatusCode = 404; return Task.CompletedTask; };

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    public int Count(string path) => Requests.Count(r => r.Path == path);

    public static async Task<FakeHttpService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeHttpService? self = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            self!.Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", body));
            await self.Handler(context, body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeHttpService(app, new Uri(address));
        return self;
    }

    public static Func<HttpContext, string, Task> Json(string json, int status = 200) => async (ctx, _) =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json, ctx.RequestAborted);
    };

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
