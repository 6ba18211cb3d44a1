using System.Globalization;
using System.Net.WebSockets;
using TalknShop.Orchestrator.Auth;

namespace TalknShop.Orchestrator.Chat;

/// <summary>The query parameters of <c>/ws/chat</c>, read and checked; <see cref="Problem"/> names the first refused one.</summary>
internal sealed record Handshake(string UserId, string? SessionId, long? LastSeq, Refusal? Problem)
{
    /// <summary>Reads the query; the user is who the authentication handler found (null: a bad <c>user_id</c>).</summary>
    public static Handshake Read(HttpContext context, CurrentUser user)
    {
        var request = context.Request;
        var session = ClientIds.Read(request, "session_id");
        var sessionId = session.Value is { Length: > 0 } s ? s : null;
        var userId = user.Id ?? "";
        if (!ClientIds.IsValid(userId))
        {
            return new Handshake(userId, sessionId, null, Refusals.InvalidUserId);
        }

        if (session.IsMalformed || (sessionId is not null && !ClientIds.IsValid(sessionId)))
        {
            return new Handshake(userId, null, null, Refusals.InvalidSessionId);
        }

        var lastSeqText = request.Query["last_seq"];
        long? lastSeq = null;
        if (lastSeqText.Count > 1
            || (lastSeqText.ToString() is { Length: > 0 } text && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return new Handshake(userId, sessionId, null, Refusals.InvalidLastSeq);
        }

        if (lastSeqText.ToString() is { Length: > 0 } seqText)
        {
            lastSeq = long.Parse(seqText, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return new Handshake(userId, sessionId, lastSeq, null);
    }
}

/// <summary>A connection refused after the upgrade: the error event's code and words, and the close frame.</summary>
internal sealed record Refusal(string Code, string Message, WebSocketCloseStatus Status, string Reason, string? Details = null, bool Recoverable = false);

internal static class Refusals
{
    private const string IdRule = "any printable id of 1 to 128 characters (letters, digits, '@', '.', '_', '+', '-', ':' …; no spaces)";

    public static readonly Refusal InvalidUserId = new("invalid_user_id", $"user_id must be {IdRule}.", WebSocketCloseStatus.PolicyViolation, CloseReasons.InvalidUserId);
    public static readonly Refusal InvalidSessionId = new("invalid_session_id", $"session_id must be {IdRule}.", WebSocketCloseStatus.PolicyViolation, CloseReasons.InvalidSessionId);
    public static readonly Refusal InvalidLastSeq = new("invalid_last_seq", "last_seq must be a whole number of 0 or more.", WebSocketCloseStatus.PolicyViolation, CloseReasons.InvalidLastSeq);

    public static readonly Refusal SessionUnavailable = new("session_unavailable", "This conversation can't be opened. Start a new one.",
        WebSocketCloseStatus.PolicyViolation, CloseReasons.SessionUnavailable);

    public static readonly Refusal SessionTakenOver = new("session_taken_over", "This conversation is being opened somewhere else at this very moment. Use that one, or reconnect.",
        WebSocketCloseStatus.NormalClosure, CloseReasons.TakenOver, Recoverable: true);

    public static readonly Refusal StoreUnavailable = new("store_unavailable", "The conversation store is unavailable right now. Please try again in a moment.",
        WebSocketCloseStatus.InternalServerError, CloseReasons.StoreUnavailable, Recoverable: true);

    public static readonly Refusal ConnectionLimit = new("too_many_connections", "The service is at its connection limit. Please try again shortly.",
        CloseReasons.TryAgainLater, CloseReasons.ConnectionLimit);

    public static readonly Refusal UserConnectionLimit = new("too_many_user_connections", "You have too many conversations open at once. Close one and try again.",
        CloseReasons.TryAgainLater, CloseReasons.UserConnectionLimit);

    public static readonly Refusal AddressConnectionLimit = new("too_many_address_connections", "Too many connections come from your network at once. Close one and try again.",
        CloseReasons.TryAgainLater, CloseReasons.AddressConnectionLimit);

    public static Refusal SessionCreateLimit(TimeSpan retryAfter) =>
        new("too_many_sessions", "Too many new conversations were started. Continue an open one, or try again later.",
            CloseReasons.TryAgainLater, CloseReasons.SessionCreateLimit, RetryAfter(retryAfter));

    public static string RetryAfter(TimeSpan wait) =>
        "retry_after=" + Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
