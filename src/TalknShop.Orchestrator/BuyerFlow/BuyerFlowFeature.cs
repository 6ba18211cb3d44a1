namespace TalknShop.Orchestrator.BuyerFlow;

internal static class BuyerFlowFeature
{
    public static IHostApplicationBuilder AddBuyerFlow(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<BuyerFlowOptions>();
        builder.Services.AddSingleton<BuyerFlowEngine>();
        return builder;
    }
}
