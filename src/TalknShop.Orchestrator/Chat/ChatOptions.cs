using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// WebSocket settings. Bound from the configuration root so the original service's environment
/// variable names (<c>WS_HEARTBEAT_INTERVAL</c>, …) work unchanged; appsettings.json uses the same keys.
/// </summary>
public sealed class ChatOptions
{
    /// <summary>Seconds between application <c>ping</c> events.</summary>
    [ConfigurationKeyName("WS_HEARTBEAT_INTERVAL"), Range(0.05, 3600)]
    public double HeartbeatIntervalSeconds { get; set; } = 30;

    /// <summary>Open sockets allowed at once; the next one is closed with 1013.</summary>
    [ConfigurationKeyName("WS_MAX_CONCURRENT_CONNECTIONS"), Range(1, 1_000_000)]
    public int MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>Largest accepted client frame in bytes; larger ones get <c>message_too_large</c> and close 1009.</summary>
    [ConfigurationKeyName("WS_MAX_FRAME_BYTES"), Range(1024, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Frames queued for one client before it counts as too slow and is closed.</summary>
    [ConfigurationKeyName("WS_SEND_QUEUE_CAPACITY"), Range(8, 100_000)]
    public int SendQueueCapacity { get; set; } = 512;

    /// <summary>Seconds between WebSocket protocol pings (keep-alive).</summary>
    [ConfigurationKeyName("WS_KEEPALIVE_INTERVAL"), Range(0.05, 3600)]
    public double KeepAliveIntervalSeconds { get; set; } = 20;

    /// <summary>Seconds to wait for the peer's pong before the socket is declared dead and aborted.</summary>
    [ConfigurationKeyName("WS_KEEPALIVE_TIMEOUT"), Range(0.05, 3600)]
    public double KeepAliveTimeoutSeconds { get; set; } = 20;

    /// <summary>Comma-separated origins allowed to open a socket. Requests without an Origin header (native apps) are allowed.</summary>
    [ConfigurationKeyName("ALLOWED_ORIGINS")]
    public string AllowedOrigins { get; set; } = "http://localhost:8000,http://127.0.0.1:8000";

    /// <summary>
    /// Host names the service answers to (<c>;</c> or <c>,</c> separated, <c>*.example.com</c>
    /// wildcards, <c>*</c> for any): ASP.NET Core host filtering, and the hosts whose own pages
    /// may open a socket without being listed in <c>ALLOWED_ORIGINS</c>.
    /// </summary>
    [ConfigurationKeyName("ALLOWED_HOSTS")]
    public string AllowedHosts { get; set; } = "*";

    /// <summary>Frames (of any type) one socket may send per second on average.</summary>
    [ConfigurationKeyName("WS_FRAMES_PER_SECOND"), Range(1, 100_000)]
    public int FramesPerSecond { get; set; } = 20;

    /// <summary>Frames one socket may send back to back; also how many refused frames in a row close it.</summary>
    [ConfigurationKeyName("WS_FRAME_BURST"), Range(1, 100_000)]
    public int FrameBurst { get; set; } = 40;

    /// <summary><c>resume</c> frames one socket may send per minute.</summary>
    [ConfigurationKeyName("WS_RESUMES_PER_MINUTE"), Range(1, 10_000)]
    public int ResumesPerMinute { get; set; } = 6;

    [ConfigurationKeyName("MAX_MESSAGE_CHARS"), Range(1, 100_000)]
    public int MaxMessageChars { get; set; } = 5000;

    [ConfigurationKeyName("MAX_MEDIA_PER_MESSAGE"), Range(0, 100)]
    public int MaxMediaPerMessage { get; set; } = 5;

    [ConfigurationKeyName("MAX_MEDIA_BYTES"), Range(1, long.MaxValue)]
    public long MaxMediaBytes { get; set; } = 25L * 1024 * 1024;

    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatIntervalSeconds);
    public TimeSpan KeepAliveInterval => TimeSpan.FromSeconds(KeepAliveIntervalSeconds);
    public TimeSpan KeepAliveTimeout => TimeSpan.FromSeconds(KeepAliveTimeoutSeconds);

    public IReadOnlyList<string> AllowedHostList =>
        AllowedHosts.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> AllowedOriginList =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
