using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Taxonomy;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Llm;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// <c>model-latency [count]</c>: the service's own time around one model call, in process and
/// without the flow: <see cref="LlmCalls"/> as the service builds it (the Anthropic provider,
/// its middleware, metrics and telemetry) against <see cref="FakeModel"/> answering at once.
/// Per call it prints the time from the call to the request reaching the model (prompt, SDK,
/// HTTP out) and from the model's last byte (or first delta) back to the caller (HTTP in, SDK,
/// middleware), so a change on the model path can be measured without a whole turn's noise.
/// </summary>
internal static class ModelCallLatency
{
    public static async Task RunAsync(int count)
    {
        await using var model = await FakeModel.StartAsync(new ModelPace(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 30));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(model.Settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDiagnostics();
        builder.AddLlm();
        using var host = builder.Build();
        await host.StartAsync();
        var calls = host.Services.GetRequiredService<LlmCalls>();

        using var store = new CatalogStore(NullLogger<CatalogStore>.Instance, TimeProvider.System);
        var taxonomy = new CatalogTaxonomy(store);
        var conversation = new List<ConversationMessage> { new("user", "I want a laptop under $1000", DateTimeOffset.UtcNow) };
        var extraction = new ExtractionRequest(null, conversation, "I want a laptop under $1000", null, AnsweringClarification: false);
        var json = new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json };
        var text = new ChatOptions { Temperature = 0.3f };

        var complete = new Sample("complete");
        var stream = new Sample("stream");
        for (var i = -Math.Min(200, count); i < count; i++)
        {
            // The marker ties the fake's record to this call; the first calls warm the JIT up.
            var turn = $"[turn 1-{i + 1000}]";
            model.Calls.Clear();
            var started = Stopwatch.GetTimestamp();
            var prompt = Prompts.Extraction(extraction with { LatestUserText = "I want a laptop under $1000 " + turn }, taxonomy);
            var reply = await calls.CompleteAsync(LlmRequirementExtractor.Operation, prompt, json, CancellationToken.None);
            var returned = Stopwatch.GetTimestamp();
            if (reply is null || !model.Calls.TryDequeue(out var call))
            {
                throw new InvalidOperationException("the model call failed");
            }

            if (i >= 0)
            {
                complete.Add(started, call.Received, call.LastByte, returned);
            }

            var outcome = new StreamOutcome();
            started = Stopwatch.GetTimestamp();
            long first = 0;
            var pieces = 0;
            List<ChatMessage> compose = [new(ChatRole.System, Prompts.CompositionSystem), new(ChatRole.User, "Best products " + turn)];
            await foreach (var _ in calls.StreamAsync(LlmAnswerComposer.Operation, compose, text, outcome, CancellationToken.None))
            {
                first = first == 0 ? Stopwatch.GetTimestamp() : first;
                pieces++;
            }

            if (outcome.Failed || pieces == 0 || !model.Calls.TryDequeue(out var streamed))
            {
                throw new InvalidOperationException("the model stream failed");
            }

            if (i >= 0)
            {
                stream.Add(started, streamed.Received, streamed.FirstByte, first);
            }
        }

        await host.StopAsync();
        Console.WriteLine($"model-latency: {count} calls of each kind against the fake model answering at once (p50 / p90 ms)");
        complete.Print("extraction (whole reply)", "call -> request at model", "last byte -> reply returned");
        stream.Print("composition (stream)", "call -> request at model", "first delta -> first text returned");
    }

    private sealed class Sample(string name)
    {
        private readonly List<double> _before = [];
        private readonly List<double> _after = [];

        public string Name { get; } = name;

        public void Add(long started, long atModel, long modelDone, long returned)
        {
            _before.Add(Stopwatch.GetElapsedTime(started, atModel).TotalMilliseconds);
            _after.Add(Stopwatch.GetElapsedTime(modelDone, returned).TotalMilliseconds);
        }

        public void Print(string label, string before, string after)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label,-26} {before} {P(_before, 0.5):F3} / {P(_before, 0.9):F3}; {after} {P(_after, 0.5):F3} / {P(_after, 0.9):F3}; sum p50 {P(_before, 0.5) + P(_after, 0.5):F3}"));
        }

        private static double P(List<double> values, double p)
        {
            var sorted = values.Order().ToList();
            return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
        }
    }
}
