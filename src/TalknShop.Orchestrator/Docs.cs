namespace TalknShop.Orchestrator;

/// <summary>OpenAPI document and its two viewers.</summary>
internal static class DocsFeature
{
    public static IHostApplicationBuilder AddDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The document and its viewers on <paramref name="management"/>, the group behind the management policy.</summary>
    public static IEndpointRouteBuilder MapDocs(this IEndpointRouteBuilder management)
    {
        management.MapOpenApi("/openapi.json");
        // The viewers are middleware serving files; mapped as endpoints of a small pipeline so the
        // group's policy covers them too.
        var viewers = management.CreateApplicationBuilder()
            .UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.SwaggerEndpoint("/openapi.json", "TalknShop Orchestrator");
                o.DocumentTitle = "TalknShop Orchestrator API";
            })
            .UseReDoc(o =>
            {
                o.RoutePrefix = "redoc";
                o.SpecUrl = "/openapi.json";
                o.DocumentTitle = "TalknShop Orchestrator API";
            })
            .Build();
        management.MapMethods("/docs/{**file}", ["GET", "HEAD"], viewers).ExcludeFromDescription();
        management.MapMethods("/redoc/{**file}", ["GET", "HEAD"], viewers).ExcludeFromDescription();
        return management;
    }
}
