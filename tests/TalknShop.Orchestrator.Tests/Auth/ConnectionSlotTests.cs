using Microsoft.Extensions.Options;
using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.Chat;

namespace TalknShop.Orchestrator.Tests.Auth;

/// <summary>Open-socket slots are limiter leases: held while the lease is, given back when it is disposed.</summary>
public sealed class ConnectionSlotTests
{
    [Fact]
    public void TryOpenConnection_AtTheUserLimit_RefusesUntilALeaseIsDisposed()
    {
        using var limits = new UserLimits(Options.Create(new AuthOptions { ConnectionsPerUser = 2 }));

        using var first = limits.TryOpenConnection("a.b+shop@example.com");
        var second = limits.TryOpenConnection("a.b+shop@example.com");
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(limits.TryOpenConnection("a.b+shop@example.com"));
        Assert.NotNull(limits.TryOpenConnection("someone-else"));

        second!.Dispose();
        using var third = limits.TryOpenConnection("a.b+shop@example.com");
        Assert.NotNull(third);
    }

    [Fact]
    public void TryOpenAddressConnection_CountsPerAddress()
    {
        using var limits = new UserLimits(Options.Create(new AuthOptions { ConnectionsPerAddress = 1 }));

        using var held = limits.TryOpenAddressConnection("10.0.0.1");
        Assert.NotNull(held);
        Assert.Null(limits.TryOpenAddressConnection("10.0.0.1"));
        using var other = limits.TryOpenAddressConnection("10.0.0.2");
        Assert.NotNull(other);
    }

    [Fact]
    public void TryReserve_AtTheServiceLimit_RefusesAndCounts_UntilALeaseIsDisposed()
    {
        using var registry = new ConnectionRegistry(new ChatOptions { MaxConcurrentConnections = 2 });

        var first = registry.TryReserve();
        using var second = registry.TryReserve();
        Assert.Equal(2, registry.Count);
        Assert.Null(registry.TryReserve());
        Assert.Equal(2, registry.Count);

        first!.Dispose();
        Assert.Equal(1, registry.Count);
        using var third = registry.TryReserve();
        Assert.NotNull(third);
    }

    [Fact]
    public void Count_AfterTheRegistryIsDisposed_IsZero()
    {
        var registry = new ConnectionRegistry(new ChatOptions { MaxConcurrentConnections = 2 });
        using var held = registry.TryReserve();

        registry.Dispose();

        // A host stopped after its container was disposed still drains without throwing.
        Assert.Equal(0, registry.Count);
    }
}
