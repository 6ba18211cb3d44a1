using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Turns;

/// <summary>Turn settings, bound from the configuration root.</summary>
public sealed class TurnOptions
{
    /// <summary>Seconds one turn may run before it ends with <c>turn_timeout</c> (same key as the original).</summary>
    [ConfigurationKeyName("WS_MESSAGE_TIMEOUT"), Range(0.05, 3600)]
    public double MessageTimeoutSeconds { get; set; } = 120;

    /// <summary>Messages that may wait behind a running turn in one session before new ones are refused.</summary>
    [ConfigurationKeyName("MAX_QUEUED_MESSAGES"), Range(1, 1000)]
    public int MaxQueuedTurns { get; set; } = 10;

    /// <summary>Turns running at once across the service; more wait in a bounded queue.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_GRAPH_EXECUTIONS"), Range(1, 100_000)]
    public int MaxConcurrentTurns { get; set; } = 64;

    /// <summary>Turns waiting for a slot before new ones are refused with <c>server_busy</c>.</summary>
    [ConfigurationKeyName("MAX_QUEUED_GRAPH_EXECUTIONS"), Range(0, 1_000_000)]
    public int MaxWaitingTurns { get; set; } = 1000;

    public TimeSpan MessageTimeout => TimeSpan.FromSeconds(MessageTimeoutSeconds);
}
