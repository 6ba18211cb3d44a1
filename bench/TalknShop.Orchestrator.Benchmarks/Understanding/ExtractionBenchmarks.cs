using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Taxonomy;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Understanding.Offline;

namespace TalknShop.Orchestrator.Benchmarks.Understanding;

/// <summary>
/// The offline extractor on messages of each kind (issue 16), against the built-in catalog's
/// vocabulary: understanding must stay well under 1 ms per message.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private CatalogStore _store = null!;
    private OfflineRequirementExtractor _extractor = null!;

    [Params(
        "laptop under $1000 with 16GB RAM",
        "samsnug galaxy s24 ultra vs pixel 9 pro, not more than 900",
        "ich suche Kopfhörer unter 200 Euro, aber nicht von Sony",
        "my daughter starts college in the fall and shes been using my old laptop which is falling apart, so we need something light, no more than 800, she likes silver")]
    public string Message { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = new CatalogStore(NullLogger<CatalogStore>.Instance, TimeProvider.System);
        _extractor = new OfflineRequirementExtractor(new CatalogTaxonomy(_store));
        // Sanity check: the benchmark measures real understanding, not an empty spec.
        if (Extract().ProductType is null)
        {
            throw new InvalidOperationException($"Benchmark message understood nothing: {Message}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public RequirementSpec Extract() =>
        _extractor.ExtractAsync(
            new ExtractionRequest(null, [new ConversationMessage("user", Message, DateTimeOffset.UnixEpoch)], Message, null, false),
            CancellationToken.None).Result.Spec;
}
