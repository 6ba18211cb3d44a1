using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Hosting;

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

    /// <summary>Seconds running turns get to end before the rest are stopped (saved to run again on another instance).</summary>
    [ConfigurationKeyName("DRAIN_TIMEOUT_SECONDS"), Range(0, 3600)]
    public double TimeoutSeconds { get; set; } = 20;

    public TimeSpan Delay => TimeSpan.FromSeconds(DelaySeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
