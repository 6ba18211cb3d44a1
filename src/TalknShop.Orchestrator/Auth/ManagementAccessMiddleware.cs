using System.Net;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// Restricts the management endpoints (metrics, debug, API docs) to <c>MANAGEMENT_ALLOWED_IPS</c>
/// when it is set, so production can expose the chat socket publicly and keep these internal.
/// </summary>
internal sealed class ManagementAccessMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
{
    private static readonly string[] ManagementPrefixes = ["/metrics", "/debug", "/docs", "/redoc", "/openapi.json"];
    private readonly IPNetwork[] _allowed = Parse(options.Value.ManagementAllowedIps);

    public Task InvokeAsync(HttpContext context)
    {
        if (_allowed.Length == 0 || !ManagementPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return remote is not null && _allowed.Any(n => n.Contains(remote))
            ? next(context)
            : TypedResults.Problem("Not available from this address.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    private static IPNetwork[] Parse(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(entry) : new IPNetwork(IPAddress.Parse(entry), IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))];
}
