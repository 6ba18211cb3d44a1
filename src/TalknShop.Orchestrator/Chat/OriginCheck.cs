namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// Which browser pages may open a socket. <c>Origin</c> equal to <c>Host</c> alone proves
/// nothing: after DNS rebinding an attacker's name points at the service and its page is
/// "same-origin". So the page's own origin counts only when its host is named in
/// <c>ALLOWED_HOSTS</c> (a loopback name always: a browser never sends one for another site).
/// </summary>
internal static class OriginCheck
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    public static bool Allowed(HttpContext context, ChatOptions options, bool debug)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || debug)
        {
            // Native apps send no Origin; browsers always do, and that is what the check is for.
            return true;
        }

        if (options.AllowedOriginList.Any(o => o == "*" || string.Equals(o, origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var request = context.Request;
        return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            && HostNamed(request.Host.Host, options.AllowedHostList);
    }

    /// <summary>Whether <paramref name="host"/> is a loopback name or matches an entry other than <c>*</c>.</summary>
    internal static bool HostNamed(string host, IReadOnlyList<string> allowedHosts) =>
        LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
        || allowedHosts.Any(entry => entry != "*" && (string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
            || (entry.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase))));
}
