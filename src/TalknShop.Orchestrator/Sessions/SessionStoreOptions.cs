using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>Session storage settings (original variable names where the original had one).</summary>
public sealed class SessionStoreOptions
{
    /// <summary><c>sqlite</c> (default, a file under <see cref="DataDir"/>), <c>dynamodb</c>, or <c>memory</c> (lost on restart).</summary>
    [ConfigurationKeyName("SESSION_STORE"), RegularExpression("^(sqlite|dynamodb|memory)$", ErrorMessage = "SESSION_STORE must be 'sqlite', 'dynamodb' or 'memory'.")]
    public string Store { get; set; } = "sqlite";

    /// <summary>Directory for local data (<c>sessions.db</c>); created on first start.</summary>
    [ConfigurationKeyName("DATA_DIR"), Required(AllowEmptyStrings = false)]
    public string DataDir { get; set; } = "./data";

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
