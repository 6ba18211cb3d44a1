namespace TalknShop.Orchestrator.Turns;

internal static class TurnsFeature
{
    public static IHostApplicationBuilder AddTurns(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<TurnOptions>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<SessionOwnership>();
        builder.Services.AddSingleton<SessionHubRegistry>();
        builder.Services.AddSingleton<SessionGateway>();
        return builder;
    }
}
