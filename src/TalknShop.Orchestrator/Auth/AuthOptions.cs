using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Auth;

/// <summary>Who may talk to the service, and how much.</summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary><c>none</c> (development: the client's <c>user_id</c> is trusted) or <c>jwt</c>.</summary>
    [ConfigurationKeyName("AUTH_MODE"), RegularExpression("^(none|jwt)$", ErrorMessage = "must be 'none' or 'jwt'")]
    public string Mode { get; set; } = "none";

    [ConfigurationKeyName("JWT_ISSUER")]
    public string? Issuer { get; set; }

    [ConfigurationKeyName("JWT_AUDIENCE")]
    public string? Audience { get; set; }

    /// <summary>JSON Web Key Set with the signing keys, e.g. a Cognito user pool's <c>…/.well-known/jwks.json</c>.</summary>
    [ConfigurationKeyName("JWT_JWKS_URL"), Url]
    public string? JwksUrl { get; set; }

    /// <summary>A symmetric (HS256) signing key for development, at least 32 characters.</summary>
    [ConfigurationKeyName("JWT_SIGNING_KEY"), MinLength(32)]
    public string? SigningKey { get; set; }

    /// <summary>Messages one user may send per minute (all sessions together).</summary>
    [ConfigurationKeyName("RATE_LIMIT_PER_USER"), Range(1, 100_000)]
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>The window of <c>RATE_LIMIT_PER_USER</c>, in seconds.</summary>
    [ConfigurationKeyName("RATE_LIMIT_WINDOW_SECONDS"), Range(0.1, 3600)]
    public double RateWindowSeconds { get; set; } = 60;

    /// <summary>Open sockets one user may hold at once.</summary>
    [ConfigurationKeyName("MAX_CONNECTIONS_PER_USER"), Range(1, 10_000)]
    public int ConnectionsPerUser { get; set; } = 10;

    /// <summary>Open sockets one client address may hold at once (all users together).</summary>
    [ConfigurationKeyName("MAX_CONNECTIONS_PER_ADDRESS"), Range(1, 1_000_000)]
    public int ConnectionsPerAddress { get; set; } = 100;

    /// <summary>Sessions one user may create per <c>SESSION_CREATE_WINDOW_SECONDS</c>.</summary>
    [ConfigurationKeyName("SESSION_CREATE_LIMIT_PER_USER"), Range(1, 1_000_000)]
    public int SessionsPerUser { get; set; } = 20;

    /// <summary>Sessions one client address may create per <c>SESSION_CREATE_WINDOW_SECONDS</c> (all users together).</summary>
    [ConfigurationKeyName("SESSION_CREATE_LIMIT_PER_ADDRESS"), Range(1, 1_000_000)]
    public int SessionsPerAddress { get; set; } = 100;

    [ConfigurationKeyName("SESSION_CREATE_WINDOW_SECONDS"), Range(0.1, 86_400)]
    public double SessionCreateWindowSeconds { get; set; } = 600;

    /// <summary>Comma-separated IPs or CIDR ranges allowed to read /metrics, /debug, /docs; empty = anyone.</summary>
    [ConfigurationKeyName("MANAGEMENT_ALLOWED_IPS")]
    public string? ManagementAllowedIps { get; set; }

    public bool JwtEnabled => Mode == "jwt";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (JwtEnabled && string.IsNullOrEmpty(JwksUrl) && string.IsNullOrEmpty(SigningKey))
        {
            yield return new ValidationResult("AUTH_MODE=jwt needs JWT_JWKS_URL or JWT_SIGNING_KEY.", ["JWT_JWKS_URL"]);
        }

        if (JwtEnabled && (string.IsNullOrEmpty(Issuer) || string.IsNullOrEmpty(Audience)))
        {
            yield return new ValidationResult("AUTH_MODE=jwt needs JWT_ISSUER and JWT_AUDIENCE.", ["JWT_ISSUER"]);
        }
    }
}
