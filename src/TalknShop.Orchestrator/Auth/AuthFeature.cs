using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// Who is calling (an authentication handler per <c>AUTH_MODE</c>, read into <see cref="CurrentUser"/>),
/// the management policy, and the per-user HTTP rate limit.
/// </summary>
internal static class AuthFeature
{
    public const string HttpRateLimitPolicy = "per-user";

    /// <summary>Metrics, debug and API docs: the caller's address must be in <c>MANAGEMENT_ALLOWED_IPS</c> when set.</summary>
    public const string ManagementPolicy = "management";

    /// <summary>The default scheme: forwards to the JWT handler or the <c>user_id</c> handler by <c>AUTH_MODE</c>.</summary>
    private const string ModeScheme = "auth-mode";

    /// <summary>How far a token's lifetime may be off the server's clock, at the handshake and on an open socket.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddSettings<AuthOptions>();
        services.AddSingleton<UserLimits>();

        // Both handlers are registered and the mode is read from the validated options per
        // request, so nothing here reads configuration a second time.
        services.AddAuthentication(ModeScheme)
            .AddPolicyScheme(ModeScheme, "AUTH_MODE", o => o.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.JwtEnabled ? JwtBearerDefaults.AuthenticationScheme : UserIdAuthenticationHandler.SchemeName)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, UserIdAuthenticationHandler>(UserIdAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>, JwksKeyCache>(ConfigureJwt);
        services.AddSingleton<JwksKeyCache>();
        // Named, for the reason JwksKeyCache gives. The standard handler bounds a fetch (the bare
        // default client would wait 100 s at start) and retries a transient failure once, soon:
        // the first fetch holds up the start, and a later one is repeated in ten minutes anyway.
        services.AddHttpClient(JwksKeyCache.HttpClientName).AddStandardResilienceHandler(o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.Delay = TimeSpan.FromMilliseconds(200);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(12);
        });
        services.AddHostedService(sp => sp.GetRequiredService<JwksKeyCache>());
        services.AddScoped<CurrentUser>();
        services.AddScoped<IClaimsTransformation, CurrentUserClaims>();

        services.AddSingleton<IAuthorizationHandler, ManagementAddressHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ManagementResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ManagementPolicy, policy => policy.AddRequirements(new ManagementAddressRequirement()));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem("Too many requests; try again shortly.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            o.AddPolicy(HttpRateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
                var user = context.RequestServices.GetRequiredService<CurrentUser>().Id ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.MessagesPerMinute,
                    Window = TimeSpan.FromSeconds(limits.RateWindowSeconds),
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    public static WebApplication UseAuth(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.JwtEnabled)
        {
            AuthLog.NoAuthentication(app.Logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A group for the management endpoints (metrics, debug, API docs), under <see cref="ManagementPolicy"/>.</summary>
    public static RouteGroupBuilder MapManagementGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("").RequireAuthorization(ManagementPolicy);

    private static void ConfigureJwt(JwtBearerOptions jwt, IOptions<AuthOptions> auth, JwksKeyCache jwks)
    {
        var options = auth.Value;
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = AuthFeature.ClockSkew,
            NameClaimType = "sub",
            IssuerSigningKeyResolver = (_, _, kid, _) => jwks.Keys(kid),
        };
        if (options.SigningKey is { } key)
        {
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
            jwt.TokenValidationParameters.IssuerSigningKeyResolver = null;
        }

        jwt.Events = new JwtBearerEvents
        {
            // Browsers cannot set headers on a WebSocket, so the token may come in the query.
            OnMessageReceived = context =>
            {
                if (string.IsNullOrEmpty(context.Token) && context.Request.Query["access_token"] is { Count: > 0 } token)
                {
                    context.Token = token.ToString();
                }

                return Task.CompletedTask;
            },
        };
    }
}
