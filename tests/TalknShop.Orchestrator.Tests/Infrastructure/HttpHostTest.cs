namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>A test class with one service (deterministic shopping doubles) and an HTTP client to it.</summary>
public abstract class HttpHostTest : IAsyncLifetime
{
    protected OrchestratorHost Host { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new OrchestratorHost(configureServices: s => s.UseSimpleShopping());
        Http = Host.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
