using TalknShop.Orchestrator.BuyerFlow;

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

/// <summary>A validated client command.</summary>
internal abstract record ClientCommand;

/// <param name="IsAnswer">True for <c>answer</c>; a <c>message</c> while a question is pending is also an answer.</param>
internal sealed record UserMessageCommand(string Text, IReadOnlyList<MediaAttachment> Media, string? ClientMessageId, bool IsAnswer) : ClientCommand;

internal sealed record PingCommand : ClientCommand;

internal sealed record PongCommand : ClientCommand;

internal sealed record DisconnectCommand : ClientCommand;

internal sealed record ResumeCommand(long LastSeq) : ClientCommand;

internal sealed record CancelCommand : ClientCommand;

/// <summary>A client frame that could not be accepted; <see cref="Code"/> is the machine code sent back.</summary>
internal sealed record InvalidCommand(string Code, string Error, string? Details) : ClientCommand;
