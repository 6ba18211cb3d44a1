using System.Net.Http.Json;
using System.Text.Json;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Sessions;

public sealed class SessionStoreSelectionTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public async Task AddSessions_NoSetting_UsesSqliteAndCreatesDataDir()
    {
        using var root = new TempDirectory();
        var dataDir = Path.Combine(root.Path, "nested", "data");

        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["DATA_DIR"] = dataDir }, s => s.UseSimpleShopping());

        Assert.Equal("sqlite", host.Get<ISessionStore>().Name);
        Assert.True(File.Exists(Path.Combine(dataDir, "sessions.db")));
        Assert.Equal("healthy", await SessionStoreHealthAsync(host));
    }

    [Fact]
    public async Task AddSessions_Memory_UsesInMemoryStore()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?> { ["SESSION_STORE"] = "memory" }, s => s.UseSimpleShopping());

        Assert.Equal("memory", host.Get<ISessionStore>().Name);
        Assert.False(File.Exists(Path.Combine(host.DataDir, "sessions.db")));
    }

    [Theory]
    [InlineData("DYNAMODB_ENDPOINT")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB")]
    public async Task AddSessions_DynamoDbWithEndpointSetting_CreatesTableAndReportsHealthy(string endpointSetting)
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            [endpointSetting] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "select-" + Guid.NewGuid().ToString("N")[..8],
            ["DYNAMODB_CREATE_TABLE"] = "true",
        }, s => s.UseSimpleShopping());

        Assert.Equal("dynamodb", host.Get<ISessionStore>().Name);
        Assert.Equal("healthy", await SessionStoreHealthAsync(host));
    }

    [Fact]
    public async Task Health_DynamoDbTableMissing_ReportsSessionStoreUnhealthy()
    {
        await using var host = new OrchestratorHost(new Dictionary<string, string?>
        {
            ["SESSION_STORE"] = "dynamodb",
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["DYNAMODB_TABLE_NAME"] = "missing-" + Guid.NewGuid().ToString("N")[..8],
        }, s => s.UseSimpleShopping());

        Assert.Equal("unhealthy", await SessionStoreHealthAsync(host));
    }

    private static async Task<string?> SessionStoreHealthAsync(OrchestratorHost host)
    {
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").GetProperty("session_store").GetProperty("status").GetString();
    }
}
