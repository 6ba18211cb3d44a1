namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// A service process counts as started only once it says it listens on its own port. Another
/// test's fake holding that port must get nothing: the start's <c>/alive</c> polls used to reach
/// it (a model fake counted them as compose calls) while the service had exited on "address
/// already in use".
/// </summary>
public sealed class ServiceProcessTests
{
    [Fact]
    public async Task Start_PortHeldByAnotherServer_FailsWithoutSendingThatServerAnything()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var other = await FakeHttpService.StartAsync();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(new Dictionary<string, string>(), timeout.Token, other.BaseUri.Port));

        Assert.Contains("address already in use", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(other.Requests);
    }
}
