using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// The management policy: metrics, debug and API docs only from <c>MANAGEMENT_ALLOWED_IPS</c> when
/// it is set, so production can expose the chat socket publicly and keep these internal.
/// </summary>
internal sealed class ManagementAddressRequirement : IAuthorizationRequirement;

internal sealed class ManagementAddressHandler(IOptions<AuthOptions> options) : AuthorizationHandler<ManagementAddressRequirement, HttpContext>
{
    private readonly IPNetwork[] _allowed = Parse(options.Value.ManagementAllowedIps);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManagementAddressRequirement requirement, HttpContext resource)
    {
        var remote = resource.Connection.RemoteIpAddress;
        if (remote is not null && remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (_allowed.Length == 0 || (remote is not null && _allowed.Any(n => n.Contains(remote))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static IPNetwork[] Parse(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(entry) : new IPNetwork(IPAddress.Parse(entry), IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))];
}

/// <summary>
/// A caller outside the allow list gets 403 with a ProblemDetails body, authenticated or not: the
/// stock result handler would challenge an unauthenticated caller (401), but no token can help here.
/// </summary>
internal sealed class ManagementResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        !authorizeResult.Succeeded && policy.Requirements.OfType<ManagementAddressRequirement>().Any()
            ? TypedResults.Problem("Not available from this address.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context)
            : _default.HandleAsync(next, context, policy, authorizeResult);
}
