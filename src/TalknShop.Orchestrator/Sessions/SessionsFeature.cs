using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Auth;

namespace TalknShop.Orchestrator.Sessions;

internal static class SessionsFeature
{
    public static IHostApplicationBuilder AddSessions(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<SessionStoreOptions>();
        builder.AddSettings<DynamoDbOptions>();
        builder.Services.AddSingleton<InMemorySessionStore>();
        builder.Services.AddSingleton<SqliteSessionStore>();
        builder.Services.AddSingleton(sp => SqliteInstanceLock.Acquire(sp.GetRequiredService<IOptions<SessionStoreOptions>>().Value.DataDir));
        builder.Services.AddSingleton<DynamoDbSessionStore>();
        builder.AddSettings<SessionLeaseOptions>();
        builder.Services.AddSingleton<HeldLeases>();
        builder.Services.AddSingleton<DynamoDbSessionLeases>();
        builder.Services.AddHostedService<SessionLeaseRenewal>();
        builder.Services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<IOptions<SessionStoreOptions>>().Value.Store switch
        {
            "dynamodb" => sp.GetRequiredService<DynamoDbSessionStore>(),
            "memory" => sp.GetRequiredService<InMemorySessionStore>(),
            _ => sp.GetRequiredService<SqliteSessionStore>(),
        });
        builder.Services.AddHostedService<SessionStoreInitializer>();
        builder.Services.AddSingleton<SessionStoreWrites>();
        builder.Services.AddHealthChecks().AddCheck<SessionStoreHealthCheck>("session_store");
        return builder;
    }

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/sessions").WithTags("Sessions").RequireAuthorization().RequireRateLimiting(AuthFeature.HttpRateLimitPolicy);
        api.MapGet("/{sessionId}", GetSessionAsync)
            .WithSummary("Reads a session: its stage, requirement spec, messages and last results.");
        return app;
    }

    private static async Task<IResult> GetSessionAsync(
        string sessionId, CurrentUser user, ISessionStore store, ISessionConnections connections, CancellationToken cancellationToken)
    {
        // RequireAuthorization on the group: only an authenticated caller gets here.
        var userId = user.Id!;
        var record = ClientIds.IsValid(sessionId) ? await store.GetAsync(sessionId, cancellationToken) : null;

        // Ownership holds without authentication too: the caller names its user_id, and a session
        // that is not theirs is answered exactly like one that does not exist.
        if (record is null || !string.Equals(record.UserId, userId, StringComparison.Ordinal))
        {
            return TypedResults.Problem($"Session '{sessionId}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Session not found");
        }

        var connectionCount = connections.CountFor(sessionId);
        return TypedResults.Ok(new SessionResponse(SessionView.From(record), connectionCount > 0, connectionCount));
    }
}
