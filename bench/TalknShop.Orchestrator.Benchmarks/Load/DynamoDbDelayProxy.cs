using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Dynalite;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// dynalite behind a small HTTP proxy in the load generator's process: every DynamoDB call the
/// service makes waits <see cref="Delay"/> before it is forwarded (a region's round trip, which a
/// loopback emulator does not have), and is counted by its <c>X-Amz-Target</c> operation, so a
/// run can say how many store calls a turn made and what a slower network would add to it.
/// Written by hand rather than with a reverse-proxy library: forwarding one POST per call and
/// counting it is a few lines, and the delay must sit exactly on each call.
/// </summary>
internal sealed class DynamoDbDelayProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DynaliteProcess _dynalite;
    private readonly HttpClient _upstream;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    private DynamoDbDelayProxy(WebApplication app, DynaliteProcess dynalite)
    {
        _app = app;
        _dynalite = dynalite;
        _upstream = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 512 })
        {
            BaseAddress = new Uri(dynalite.Endpoint),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Waited before each call is forwarded; may change between runs.</summary>
    public TimeSpan Delay { get; set; }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Calls by operation since the last <see cref="TakeCounts"/>, health probes (<c>DescribeTable</c>) left out.</summary>
    public Dictionary<string, int> TakeCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in _calls.Keys)
        {
            if (_calls.TryRemove(key, out var n) && key != "DescribeTable")
            {
                counts[key] = n;
            }
        }

        return counts;
    }

    public static async Task<DynamoDbDelayProxy> StartAsync(TimeSpan delay)
    {
        var dynalite = DynaliteProcess.Start();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new DynamoDbDelayProxy(app, dynalite) { Delay = delay };
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, context.Request.Path + context.Request.QueryString)
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
        _dynalite.Dispose();
    }
}
