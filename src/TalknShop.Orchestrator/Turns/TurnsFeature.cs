namespace TalknShop.Orchestrator.Turns;

internal static class TurnsFeature
{
    public static IHostApplicationBuilder AddTurns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TurnOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<SessionHubRegistry>();
        builder.Services.AddSingleton<SessionGateway>();
        return builder;
    }
}
