using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>How the fake model paces its replies.</summary>
internal sealed record ModelPace(TimeSpan CallDelay, TimeSpan FirstToken, TimeSpan TokenGap, int Tokens);

/// <summary>
/// One request to the fake model, in <see cref="Stopwatch"/> ticks of this process (the client
/// loops use the same clock). <see cref="FirstByte"/> is when the first text left (a stream's
/// first delta, or a whole non-streaming body); <see cref="Turn"/> is the marker the shopper put in its message.
/// </summary>
internal sealed record ModelCall(string Step, string? Turn, long Received, long FirstByte, long LastByte);

/// <summary>
/// The Anthropic Messages API on a loopback port in the load generator's process, with fixed
/// pacing, so the service's own cost can be separated from the model's. Non-streaming calls
/// (extraction, clarification) answer a laptop-under-$1,000 spec and "no question"; streaming
/// calls (composition) send <see cref="ModelPace.Tokens"/> text deltas as SSE.
/// </summary>
internal sealed partial class FakeModel : IAsyncDisposable
{
    private const string Spec = """{"new_search": true, "product_type": "laptop", "attributes": {}, "price": {"min": null, "max": 1000, "currency": "USD"}, "brand_preferences": [], "keywords": null}""";
    private const string NoQuestion = """{"ask": false}""";

    private readonly WebApplication _app;
    private readonly ModelPace _pace;

    private FakeModel(WebApplication app, ModelPace pace)
    {
        _app = app;
        _pace = pace;
    }

    public ConcurrentQueue<ModelCall> Calls { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Service settings that select the Anthropic provider and point it here.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LLM_PROVIDER"] = "anthropic",
        ["ANTHROPIC_API_KEY"] = "load-test-key",
        ["ANTHROPIC_MODEL"] = "claude-load",
        ["ANTHROPIC_BASE_URL"] = BaseUri.ToString(),
        ["LLM_MAX_RETRIES"] = "0",
    };

    public static async Task<FakeModel> StartAsync(ModelPace pace)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeModel(app, pace);
        app.MapGet("/v1/models", () => Results.Text("""{"data":[{"id":"claude-load","type":"model"}],"has_more":false}""", "application/json"));
        app.MapPost("/v1/messages", fake.MessagesAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUri = new Uri(address);
        return fake;
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var received = Stopwatch.GetTimestamp();
        var ct = context.RequestAborted;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ct);
        var step = body.Contains("search specification", StringComparison.Ordinal) ? "extract"
            : body.Contains("specific enough", StringComparison.Ordinal) ? "clarify"
            : "compose";
        // The last marker is the current message's: earlier turns' markers appear in the history.
        var markers = TurnMarker().Matches(body);
        var turn = markers.Count > 0 ? markers[^1].Groups[1].Value : null;
        try
        {
            var (first, last) = body.Contains("\"stream\":true", StringComparison.Ordinal)
                ? await StreamAsync(context, received, ct)
                : await ReplyAsync(context, step == "extract" ? Spec : step == "clarify" ? NoQuestion : Words(_pace.Tokens), received, ct);
            Calls.Enqueue(new ModelCall(step, turn, received, first, last));
        }
        catch (OperationCanceledException)
        {
            // The service gave up on the call; the turn will show it as an error or a fallback.
        }
    }

    private async Task<(long First, long Last)> ReplyAsync(HttpContext context, string text, long received, CancellationToken ct)
    {
        await WaitUntilAsync(received, _pace.CallDelay, ct);
        var sent = Stopwatch.GetTimestamp();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FakeModelWire.Message(text), ct);
        return (sent, Stopwatch.GetTimestamp());
    }

    private async Task<(long First, long Last)> StreamAsync(HttpContext context, long received, CancellationToken ct)
    {
        context.Response.ContentType = "text/event-stream";
        await WaitUntilAsync(received, _pace.FirstToken, ct);
        // Taken before the write, so writing the first delta counts as service time, not model time.
        var first = Stopwatch.GetTimestamp();
        await WriteAsync(context, FakeModelWire.StreamStart() + FakeModelWire.Delta(Token(0)), ct);
        for (var i = 1; i < _pace.Tokens; i++)
        {
            await WaitUntilAsync(first, _pace.TokenGap * i, ct);
            await WriteAsync(context, FakeModelWire.Delta(Token(i)), ct);
        }

        await WriteAsync(context, FakeModelWire.StreamEnd(_pace.Tokens), ct);
        return (first, Stopwatch.GetTimestamp());
    }

    // Paced from a fixed origin, so timer lateness does not add up over 30 tokens.
    private static Task WaitUntilAsync(long origin, TimeSpan offset, CancellationToken ct)
    {
        var wait = offset - Stopwatch.GetElapsedTime(origin);
        return wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;
    }

    private static async Task WriteAsync(HttpContext context, string events, CancellationToken ct)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(events), ct);
        await context.Response.Body.FlushAsync(ct);
    }

    private static string Token(int i) => string.Create(CultureInfo.InvariantCulture, $"word{i} ");

    private static string Words(int count) => string.Concat(Enumerable.Range(0, count).Select(Token));

    [GeneratedRegex(@"\[turn (\d+-\d+)\]")]
    private static partial Regex TurnMarker();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
