using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// A DynamoDB write applied, then its connection reset before the answer came back: the AWS SDK
/// retries it (every I/O error is retried), and the retry's condition fails on the first try's
/// own effect. The store takes that as the write it is, not as another writer: the turn ends
/// normally, each event is in the log once, and the socket's seqs are the log's.
/// </summary>
public sealed class RetriedWriteTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData("results")] // a gathered append
    [InlineData("done")] // the turn's end: record and event in one commit
    public async Task WriteAppliedAnswerLost_SdkRetries_TurnEndsOnceAndLogIsExact(string eventType)
    {
        await using var proxy = await ResettingProxy.StartAsync(dynalite.Endpoint);
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = proxy.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "retried-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
        }, s => s.UseSimpleShopping());
        var (client, connected) = await ChatClient.OpenAsync(host, "user_id=u1", _timeout.Token);
        await using var _ = client;
        var sessionId = connected.Data().GetProperty("session_id").GetString()!;

        proxy.ResetAfterUpdateWith = $"\"S\":\"{eventType}\"";
        await client.SendMessageAsync("laptop under $900", "m1", cancellationToken: _timeout.Token);
        var frames = await client.ReceiveUntilAsync(_timeout.Token, "done", "error");

        Assert.Equal(1, proxy.Resets);
        Assert.Equal("done", frames[^1].Type());
        var live = client.Received.Where(f => f.Seq() is not null).ToList();
        var log = await host.Get<ISessionStore>().GetEventsAsync(sessionId, 0, 1000, _timeout.Token);
        Assert.Equal(Enumerable.Range(1, live.Count).Select(i => (long?)i), live.Select(f => f.Seq()));
        Assert.Equal(log.Select(e => JsonDocument.Parse(e.Frame).RootElement.GetRawText()), live.Select(f => f.GetRawText()));
        Assert.Single(log, e => e.Type == eventType);
        var record = (await host.Get<ISessionStore>().GetAsync(sessionId, _timeout.Token))!;
        Assert.Null(record.Turn);
        Assert.Contains("m1", record.ProcessedMessageIds);
    }

    /// <summary>
    /// Forwards DynamoDB calls to dynalite; the first <c>UpdateItem</c> whose body contains
    /// <see cref="ResetAfterUpdateWith"/> is forwarded and answered by dynalite, then its
    /// connection is reset before any of the answer is sent back.
    /// </summary>
    private sealed class ResettingProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _upstream;
        private int _resets;

        private ResettingProxy(WebApplication app, string upstream)
        {
            _app = app;
            _upstream = new HttpClient { BaseAddress = new Uri(upstream) };
        }

        public volatile string? ResetAfterUpdateWith;

        public int Resets => _resets;

        public string Endpoint { get; private set; } = "";

        public static async Task<ResettingProxy> StartAsync(string upstream)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var proxy = new ResettingProxy(app, upstream);
            app.Run(proxy.ForwardAsync);
            await app.StartAsync();
            proxy.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return proxy;
        }

        private async Task ForwardAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            using var request = new HttpRequestMessage(HttpMethod.Post, context.Request.Path.Value) { Content = new ByteArrayContent(body.ToArray()) };
            foreach (var (name, values) in context.Request.Headers)
            {
                if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
                }
            }

            using var response = await _upstream.SendAsync(request, context.RequestAborted);
            var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            if (ResetAfterUpdateWith is { } marker && context.Request.Headers["X-Amz-Target"].ToString().EndsWith(".UpdateItem", StringComparison.Ordinal)
                && Encoding.UTF8.GetString(body.ToArray()).Contains(marker, StringComparison.Ordinal)
                && Interlocked.CompareExchange(ref _resets, 1, 0) == 0)
            {
                ResetAfterUpdateWith = null;
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _upstream.Dispose();
        }
    }
}
