using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>Buyer-flow settings, bound from the configuration root (original variable names).</summary>
public sealed class BuyerFlowOptions
{
    /// <summary>Clarifying questions allowed per search before searching with what is known.</summary>
    [ConfigurationKeyName("MAX_CLARIFICATION_LOOPS"), Range(0, 10)]
    public int MaxClarificationLoops { get; set; } = 2;
}
