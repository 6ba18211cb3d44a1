using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>Buyer-flow settings, bound from the configuration root (original variable names).</summary>
public sealed class BuyerFlowOptions
{
    /// <summary>Clarifying questions allowed per search before searching with what is known.</summary>
    [ConfigurationKeyName("MAX_CLARIFICATION_LOOPS"), Range(0, 10)]
    public int MaxClarificationLoops { get; set; } = 2;

    /// <summary>Messages of the conversation kept with the session (oldest dropped first).</summary>
    [ConfigurationKeyName("MAX_CONVERSATION_MESSAGES"), Range(4, 10_000)]
    public int MaxConversationMessages { get; set; } = 40;
}
