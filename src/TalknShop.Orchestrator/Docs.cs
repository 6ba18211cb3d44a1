namespace TalknShop.Orchestrator;

/// <summary>OpenAPI document and its two viewers.</summary>
internal static class DocsFeature
{
    public static IHostApplicationBuilder AddDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi.json", "TalknShop Orchestrator");
            o.DocumentTitle = "TalknShop Orchestrator API";
        });
        app.UseReDoc(o =>
        {
            o.RoutePrefix = "redoc";
            o.SpecUrl = "/openapi.json";
            o.DocumentTitle = "TalknShop Orchestrator API";
        });
        return app;
    }
}
