using TalknShop.Orchestrator.Dynalite;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// A real local DynamoDB-API server (npm <c>dynalite</c>, see <see cref="DynaliteProcess"/>) for
/// a test class or collection, stopped on dispose. Missing node or dynalite fails the tests with
/// a message saying how to fix it; they are never skipped.
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    private DynaliteProcess? _process;

    public string Endpoint => _process?.Endpoint ?? throw new InvalidOperationException("dynalite has not started.");

    public async Task InitializeAsync() => _process = await Task.Run(() => DynaliteProcess.Start());

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }
}
