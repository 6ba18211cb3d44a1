using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Downstream.Media;

namespace TalknShop.Orchestrator.BuyerFlow;

internal static class BuyerFlowFeature
{
    public static IHostApplicationBuilder AddBuyerFlow(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BuyerFlowOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IMediaService, UnconfiguredMediaService>();
        builder.Services.AddSingleton<BuyerFlowEngine>();
        return builder;
    }
}
