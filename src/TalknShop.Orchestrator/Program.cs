var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/alive", () => "ok");
app.Run();

/// <summary>Entry point; public so the test project's WebApplicationFactory can find it.</summary>
public partial class Program;
