using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Downstream.Media;

namespace TalknShop.Orchestrator.BuyerFlow;

internal static class BuyerFlowFeature
{
    public static IHostApplicationBuilder AddBuyerFlow(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<BuyerFlowOptions>();
        builder.Services.TryAddSingleton<IMediaService, UnconfiguredMediaService>();
        builder.Services.AddSingleton<BuyerFlowEngine>();
        return builder;
    }
}
