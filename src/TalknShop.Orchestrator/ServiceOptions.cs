using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator;

/// <summary>Service-wide settings with the original service's variable names.</summary>
public sealed class ServiceOptions
{
    /// <summary>Development conveniences: any WebSocket origin, <c>/debug/connections</c>.</summary>
    [ConfigurationKeyName("DEBUG")]
    public bool Debug { get; set; }

    /// <summary>
    /// The hosting environment (<c>ENVIRONMENT</c> or <c>ASPNETCORE_ENVIRONMENT</c>), reported by
    /// <c>/health</c>; <c>production</c> switches logs to JSON lines.
    /// </summary>
    [ConfigurationKeyName("ENVIRONMENT")]
    public string Environment { get; set; } = "production";

    public static string Version { get; } =
        typeof(ServiceOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
