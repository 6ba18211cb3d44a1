using System.Diagnostics;
using System.Globalization;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// <c>--pin</c>: the service on core 0, everything else (this load generator, its client sockets,
/// the echo baseline, the fake model, dynalite and its proxy) on core 1, so the service's figures
/// are those of one core of its own. Done with <c>taskset</c>: the children this process starts
/// inherit its affinity, except the service, which is started under <c>taskset -c 0</c> so its
/// runtime sizes its GC heaps and thread pool for the one core it has.
/// </summary>
internal static class Pinning
{
    private const string ClientCpu = "1";

    /// <summary>The service's core, or null when not pinned.</summary>
    public static string? ServiceCpu { get; private set; }

    public static void Apply(string[] args)
    {
        if (!args.Contains("--pin"))
        {
            return;
        }

        if (System.Environment.ProcessorCount < 2)
        {
            throw new InvalidOperationException("--pin needs at least 2 cores");
        }

        // -a: every thread this process already has (the runtime starts several before Main).
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-cp", ClientCpu, System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("taskset not found (util-linux)");
        taskset.StandardOutput.ReadToEnd();
        taskset.WaitForExit();
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset exited with {taskset.ExitCode}");
        }

        ServiceCpu = "0";
        Console.WriteLine($"pinned: service on cpu {ServiceCpu}; load generator, echo, fake model and dynalite on cpu {ClientCpu}");
    }
}
