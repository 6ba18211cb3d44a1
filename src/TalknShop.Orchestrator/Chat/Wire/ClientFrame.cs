namespace TalknShop.Orchestrator.Chat.Wire;

/// <summary>Client → server message type names.</summary>
internal static class ClientTypes
{
    public const string Message = "message";
    public const string Answer = "answer";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Disconnect = "disconnect";
    public const string Resume = "resume";
    public const string Cancel = "cancel";
}

/// <summary>One media attachment (protocol: <c>{media_type, s3_key, content_type?, size_bytes?, uploaded_at?}</c>).</summary>
internal sealed record MediaItem(string MediaType, string S3Key, string? ContentType = null, long? SizeBytes = null, string? UploadedAt = null);

/// <summary>A validated client command.</summary>
internal abstract record ClientCommand;

/// <param name="IsAnswer">True for <c>answer</c>; a <c>message</c> while a question is pending is also an answer.</param>
internal sealed record UserMessageCommand(string Text, IReadOnlyList<MediaItem> Media, string? ClientMessageId, bool IsAnswer) : ClientCommand;

internal sealed record PingCommand : ClientCommand;

internal sealed record PongCommand : ClientCommand;

internal sealed record DisconnectCommand : ClientCommand;

internal sealed record ResumeCommand(long LastSeq) : ClientCommand;

internal sealed record CancelCommand : ClientCommand;

/// <summary>A client frame that could not be accepted; <see cref="Code"/> is the machine code sent back.</summary>
internal sealed record InvalidCommand(string Code, string Error, string? Details) : ClientCommand;
