using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>Session storage settings (original variable names where the original had one).</summary>
public sealed class SessionStoreOptions
{
    /// <summary><c>memory</c> until the durable stores land; then <c>sqlite</c> (default) or <c>dynamodb</c>.</summary>
    [ConfigurationKeyName("SESSION_STORE"), RegularExpression("^(memory)$", ErrorMessage = "SESSION_STORE must be 'memory'.")]
    public string Store { get; set; } = "memory";

    /// <summary>Hours a session lives after its last activity.</summary>
    [ConfigurationKeyName("SESSION_TTL_HOURS"), Range(0.01, 24 * 365)]
    public double TtlHours { get; set; } = 24;

    /// <summary>Events kept per session for replay; older ones are dropped.</summary>
    [ConfigurationKeyName("SESSION_EVENT_RETENTION"), Range(10, 100_000)]
    public int EventRetention { get; set; } = 1000;

    /// <summary>Processed <c>client_message_id</c>s remembered per session.</summary>
    [ConfigurationKeyName("SESSION_MESSAGE_ID_RETENTION"), Range(1, 10_000)]
    public int MessageIdRetention { get; set; } = 200;

    public TimeSpan Ttl => TimeSpan.FromHours(TtlHours);
}
