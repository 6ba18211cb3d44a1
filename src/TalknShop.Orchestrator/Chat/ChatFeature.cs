using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Chat;

/// <summary>The WebSocket chat endpoint and what it needs.</summary>
internal static class ChatFeature
{
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<ChatOptions>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ChatOptions>>().Value);
        builder.Services.AddSingleton<ClientFrameParser>();
        builder.Services.AddSingleton<ChatRateLimits>();
        builder.Services.AddSingleton<ChatServices>();
        // ALLOWED_HOSTS feeds ASP.NET Core's host filtering (which otherwise reads AllowedHosts
        // from appsettings.json, "*").
        builder.Services.AddOptions<HostFilteringOptions>().Configure<IOptions<ChatOptions>>((hosts, chat) =>
            hosts.AllowedHosts = [.. chat.Value.AllowedHostList]);
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<Sessions.ISessionConnections>(sp => sp.GetRequiredService<ConnectionRegistry>());
        builder.Services.AddSingleton<ChatLifecycleService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatLifecycleService>());

        // Draining on SIGTERM: registered after the chat lifecycle, so its stopping hook runs first.
        builder.AddSettings<DrainOptions>();
        builder.Services.AddSingleton<InstanceDrain>();
        builder.Services.AddTransient<IStartupFilter, DrainStartupFilter>();
        builder.Services.AddHealthChecks().AddCheck<DrainHealthCheck>("instance");
        builder.Services.AddHostedService<DrainService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app, IEndpointRouteBuilder management)
    {
        // Map (any method), not MapGet: HTTP/2 WebSockets arrive as CONNECT.
        app.Map("/ws/chat", ChatEndpoint.HandleAsync).WithTags("Chat").ExcludeFromDescription();

        management.MapGet("/debug/connections", (ConnectionRegistry connections, IOptions<ServiceOptions> service) =>
                service.Value.Debug
                    ? Results.Ok(connections.Snapshot().Select(c => new DebugConnection(c.ConnectionId, c.SessionId, c.UserId, c.ConnectedAt, c.QueuedFrames, c.LastClientPongAt)))
                    : Results.Problem("Set DEBUG=true to list connections.", statusCode: StatusCodes.Status404NotFound))
            .WithTags("Diagnostics");
        return app;
    }

    internal sealed record DebugConnection(string ConnectionId, string SessionId, string UserId, DateTimeOffset ConnectedAt, int QueuedFrames, DateTimeOffset? LastClientPongAt);
}
