using System.Net;
using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TalknShop.Orchestrator.Auth;

/// <summary>Optional JWT authentication, the caller's user id, and the per-user and management limits.</summary>
internal static class AuthFeature
{
    public const string HttpRateLimitPolicy = "per-user";

    /// <summary>How far a token's lifetime may be off the server's clock, at the handshake and on an open socket.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<AuthOptions>();
        var options = builder.Configuration.Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddSingleton<UserLimits>();
        builder.Services.AddAuthorization();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem("Too many requests; try again shortly.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            o.AddPolicy(HttpRateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
                var user = UserIdentity.TryResolve(context, limits) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.MessagesPerMinute,
                    Window = TimeSpan.FromSeconds(limits.RateWindowSeconds),
                    QueueLimit = 0,
                });
            });
        });

        if (options.JwtEnabled)
        {
            builder.Services.AddSingleton<JwksKeyCache>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<JwksKeyCache>());
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<IOptions<AuthOptions>, JwksKeyCache>(ConfigureJwt);
        }

        return builder;
    }

    public static WebApplication UseAuth(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (options.JwtEnabled)
        {
            app.UseAuthentication();
        }
        else
        {
            AuthLog.NoAuthentication(app.Logger);
        }

        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<ManagementAccessMiddleware>();
        return app;
    }

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

/// <summary>Who is calling: the token's <c>sub</c> when authentication is on, else the <c>user_id</c> the client names.</summary>
internal static class UserIdentity
{
    public const string Anonymous = "anonymous";

    /// <summary>The caller's user id, or null when authentication is on and the caller has no valid token.</summary>
    public static string? TryResolve(HttpContext context, AuthOptions options)
    {
        if (options.JwtEnabled)
        {
            return context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue("sub") : null;
        }

        // Read like the socket reads it (a literal '+' stays a '+'); a malformed value is an id
        // no session has, so it is answered like a missing session.
        var userId = ClientIds.Read(context.Request, "user_id");
        return userId.IsMalformed ? "" : userId.Value is { Length: > 0 } id ? id : Anonymous;
    }

    /// <summary>
    /// When the caller's token stops being valid (its <c>exp</c> plus the clock skew), or null
    /// without authentication. The handler validated the token, so <c>exp</c> is present.
    /// </summary>
    public static DateTimeOffset? TokenExpiresAt(HttpContext context, AuthOptions options) =>
        options.JwtEnabled && long.TryParse(context.User.FindFirstValue("exp"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) + AuthFeature.ClockSkew
            : null;

    public static IResult Unauthorized() =>
        TypedResults.Problem("A valid access token is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
