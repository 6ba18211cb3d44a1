using System.Globalization;
using BenchmarkDotNet.Running;
using TalknShop.Orchestrator.Benchmarks.Catalog;

namespace TalknShop.Orchestrator.Benchmarks;

// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- --filter '*'`
// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- catalog-latency [count]`
internal static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "catalog-latency")
        {
            CatalogLatency.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
