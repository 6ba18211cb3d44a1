using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Diagnostics;

namespace TalknShop.Orchestrator.Chat;

/// <summary>What every connection needs from the container, in one parameter.</summary>
internal sealed record ChatServices(
    ChatOptions Options, ClientFrameParser Parser, OrchestratorMetrics Metrics, UserLimits Limits, ChatRateLimits RateLimits, TimeProvider Time);
