using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Chat;

/// <summary>What the instance does between SIGTERM and exit (see <see cref="InstanceDrain"/>).</summary>
public sealed class DrainOptions
{
    /// <summary>
    /// Seconds between readiness turning unhealthy and the first socket being closed, so a load
    /// balancer that polls readiness stops sending sockets here first (0 for nginx, which learns
    /// from the refused upgrade; about probe period × failure threshold behind Kubernetes).
    /// </summary>
    [ConfigurationKeyName("DRAIN_DELAY_SECONDS"), Range(0, 300)]
    public double DelaySeconds { get; set; }

    /// <summary>
    /// Seconds running turns get to end before the rest are stopped (saved to run again where the
    /// shopper reconnects). 0 by default, so a single instance (<c>dotnet run</c>, Ctrl-C) stops at
    /// once; a fleet sets it (the manifests: 20) to let turns finish where they run.
    /// </summary>
    [ConfigurationKeyName("DRAIN_TIMEOUT_SECONDS"), Range(0, 3600)]
    public double TimeoutSeconds { get; set; }

    public TimeSpan Delay => TimeSpan.FromSeconds(DelaySeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
