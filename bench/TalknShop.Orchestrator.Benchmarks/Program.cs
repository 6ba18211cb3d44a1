using BenchmarkDotNet.Running;

namespace TalknShop.Orchestrator.Benchmarks;

// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- --filter '*'`
internal static class BenchmarkEntry
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
