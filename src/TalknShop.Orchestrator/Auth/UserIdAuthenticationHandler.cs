using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// <c>AUTH_MODE=none</c>: the caller is the <c>user_id</c> it names in the query (as the React
/// Native app sends it, read by <see cref="ClientIds"/> so a literal <c>+</c> stays a <c>+</c>), or
/// <c>anonymous</c> when it names none. A malformed or unprintable id fails authentication.
/// </summary>
internal sealed class UserIdAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "user-id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var userId = ClientIds.Read(Request, "user_id");
        if (userId.IsMalformed || (userId.Value is { Length: > 0 } given && !ClientIds.IsValid(given)))
        {
            return Task.FromResult(AuthenticateResult.Fail("user_id is not a printable id of 1 to 128 characters."));
        }

        var id = userId.Value is { Length: > 0 } named ? named : CurrentUser.Anonymous;
        var identity = new ClaimsIdentity([new Claim(CurrentUser.SubjectClaim, id)], SchemeName, CurrentUser.SubjectClaim, roleType: null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>Only a bad <c>user_id</c> gets here (a missing one is <c>anonymous</c>): 400, naming it.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        TypedResults.Problem("user_id must be any printable id of 1 to 128 characters (no spaces).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid user_id")
            .ExecuteAsync(Context);
}
