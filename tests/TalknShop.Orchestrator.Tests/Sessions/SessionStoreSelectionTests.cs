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
    public async Task Start_SecondInstanceOnSameSqliteDataDir_IsRefusedWithPointerToDynamoDb()
    {
        using var dataDir = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["DATA_DIR"] = dataDir.Path };
        await using var first = new OrchestratorHost(settings, s => s.UseSimpleShopping());

        var refused = Assert.ThrowsAny<Exception>(() => new OrchestratorHost(settings, s => s.UseSimpleShopping()));

        var message = string.Join(" | ", Flatten(refused).Select(e => e.Message));
        Assert.Contains("already served by another process", message, StringComparison.Ordinal);
        Assert.Contains("SESSION_STORE=dynamodb", message, StringComparison.Ordinal);
        Assert.Equal("healthy", await SessionStoreHealthAsync(first));
    }

    [Fact]
    public async Task Start_AfterPreviousInstanceStopped_TakesTheSqliteDataDir()
    {
        using var dataDir = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["DATA_DIR"] = dataDir.Path };
        await (new OrchestratorHost(settings, s => s.UseSimpleShopping())).DisposeAsync();

        await using var second = new OrchestratorHost(settings, s => s.UseSimpleShopping());

        Assert.Equal("healthy", await SessionStoreHealthAsync(second));
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

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<string?> SessionStoreHealthAsync(OrchestratorHost host)
    {
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").GetProperty("session_store").GetProperty("status").GetString();
    }
}
