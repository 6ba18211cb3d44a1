using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// The caller of the current request, as the authentication handler found it: the token's
/// <c>sub</c> (<c>AUTH_MODE=jwt</c>) or the <c>user_id</c> the client names (<c>AUTH_MODE=none</c>).
/// </summary>
internal sealed class CurrentUser
{
    public const string SubjectClaim = "sub";
    public const string Anonymous = "anonymous";

    public ClaimsPrincipal? Principal { get; set; }

    /// <summary>The user id, or null when the caller could not be authenticated.</summary>
    public string? Id => Principal?.FindFirstValue(SubjectClaim);

    /// <summary>
    /// When the caller's token stops being valid (its <c>exp</c> plus the clock skew), or null
    /// without a token. The JWT handler validated the token, so <c>exp</c> is present.
    /// </summary>
    public DateTimeOffset? TokenExpiresAt =>
        long.TryParse(Principal?.FindFirstValue("exp"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) + AuthFeature.ClockSkew
            : null;
}

/// <summary>Hands the authenticated principal to the request's <see cref="CurrentUser"/>.</summary>
internal sealed class CurrentUserClaims(CurrentUser user) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        user.Principal = principal;
        return Task.FromResult(principal);
    }
}
