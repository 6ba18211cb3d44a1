using System.Net.WebSockets;

namespace TalknShop.Orchestrator.Chat;

/// <summary>Why a connection ended: recorded in metrics and logs, and sent as the close reason.</summary>
internal static class CloseReasons
{
    public const string ClientClosed = "client_closed";
    public const string ClientDisconnect = "client_disconnect";
    public const string TakenOver = "session_taken_over";
    public const string ConnectionLimit = "connection_limit";
    public const string UserConnectionLimit = "user_connection_limit";
    public const string MessageTooLarge = "message_too_large";
    public const string SendQueueOverflow = "send_queue_overflow";
    public const string ServerShutdown = "server_shutdown";
    public const string SessionUnavailable = "session_unavailable";
    public const string SessionExpired = "session_expired";
    public const string InvalidSessionId = "invalid_session_id";
    public const string PeerLost = "peer_lost";
    public const string OriginRejected = "origin_rejected";
    public const string AddressConnectionLimit = "address_connection_limit";
    public const string SessionCreateLimit = "session_create_limit";
    public const string InvalidUserId = "invalid_user_id";
    public const string InvalidLastSeq = "invalid_last_seq";
    public const string RateLimited = "rate_limited";
    public const string TokenExpired = "token_expired";
    public const string StoreUnavailable = "store_unavailable";
    public const string InternalError = "internal_error";
    public const string Unauthorized = "unauthorized";

    /// <summary>1013 Try Again Later has no name in <see cref="WebSocketCloseStatus"/>.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;
}
