using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>The body of <c>GET /api/v1/sessions/{session_id}</c>.</summary>
internal sealed record SessionResponse(SessionView Session, bool Active, int ConnectionCount);

internal sealed record SessionView(
    string SessionId,
    string UserId,
    string WorkflowStage,
    RequirementSpec? RequirementSpec,
    int ClarificationCount,
    string? LastMessage,
    IReadOnlyList<ConversationMessage> Messages,
    SearchResults? LastResults,
    ClarifyingQuestion? PendingClarification,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt)
{
    public static SessionView From(SessionRecord record) => new(
        record.SessionId,
        record.UserId,
        record.Flow.Stage,
        record.Flow.Spec,
        record.Flow.ClarificationCount,
        record.Flow.Messages.LastOrDefault(m => m.Role == "user")?.Content,
        record.Flow.Messages,
        record.Flow.LastResults,
        record.Flow.PendingQuestion,
        record.CreatedAt,
        record.UpdatedAt,
        record.ExpiresAt);
}
