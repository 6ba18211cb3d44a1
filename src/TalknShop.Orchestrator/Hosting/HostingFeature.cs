namespace TalknShop.Orchestrator.Hosting;

/// <summary>The instance's own lifecycle in a fleet: draining on SIGTERM. Added after the chat feature (see <see cref="DrainService"/>).</summary>
internal static class HostingFeature
{
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<DrainOptions>();
        builder.Services.AddSingleton<InstanceDrain>();
        builder.Services.AddTransient<IStartupFilter, DrainStartupFilter>();
        builder.Services.AddHealthChecks().AddCheck<DrainHealthCheck>("instance");
        builder.Services.AddHostedService<DrainService>();
        return builder;
    }
}
