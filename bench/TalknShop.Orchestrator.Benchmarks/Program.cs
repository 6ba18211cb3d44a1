using System.Globalization;
using BenchmarkDotNet.Running;
using TalknShop.Orchestrator.Benchmarks.Catalog;
using TalknShop.Orchestrator.Benchmarks.Load;

namespace TalknShop.Orchestrator.Benchmarks;

// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- --filter '*'`
// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- catalog-latency [count]`
// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- model-latency [count]`
// `dotnet run -c Release --project bench/TalknShop.Orchestrator.Benchmarks -- load idle|conversations|knee|model [options]`
internal static class BenchmarkEntry
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            await LoadCommand.RunAsync(args[1..]);
            return;
        }

        // The echo baseline's child process (see Load/ServerProcess.cs).
        if (args.Length > 0 && args[0] == "echo-server")
        {
            EchoServer.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "model-latency")
        {
            await ModelCallLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500);
            return;
        }

        if (args.Length > 0 && args[0] == "catalog-latency")
        {
            CatalogLatency.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
