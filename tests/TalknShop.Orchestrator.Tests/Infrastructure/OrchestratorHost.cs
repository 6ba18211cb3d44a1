using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// The real service on a real Kestrel socket at 127.0.0.1 with an ephemeral port. Settings use
/// the same keys as the environment; <paramref name="configureServices"/> swaps in test doubles.
/// Each instance gets its own temporary <c>DATA_DIR</c> (deleted on dispose) unless the caller names one,
/// so parallel hosts never share a session database.
/// </summary>
public sealed class OrchestratorHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly TempDirectory? _ownedDataDir;

    public OrchestratorHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LOG_LEVEL"] = "WARNING",
            // Many tests open hundreds of sessions from one address and user in seconds; the
            // session-creation limits are tested where they are set (SessionAndAddressLimitTests).
            ["SESSION_CREATE_LIMIT_PER_USER"] = "1000000",
            ["SESSION_CREATE_LIMIT_PER_ADDRESS"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                _settings[key] = value;
            }
        }

        if (!_settings.ContainsKey("DATA_DIR"))
        {
            _ownedDataDir = new TempDirectory();
            _settings["DATA_DIR"] = _ownedDataDir.Path;
        }

        _configureServices = configureServices;
        // The port comes from the "urls" setting above. UseKestrel(port) would rewrite the
        // server's addresses after the app has started binding, which races and sometimes throws
        // "Addresses cannot be modified after the server has started" (dotnet/aspnetcore#67714).
        UseKestrel();
        try
        {
            StartServer();
        }
        catch
        {
            Dispose();
            _ownedDataDir?.Dispose();
            throw;
        }

        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address);
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri BaseUri { get; }

    public Uri WebSocketUri(string query = "") =>
        new($"ws://{BaseUri.Authority}/ws/chat{(query.Length > 0 ? "?" + query : "")}");

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(20) };

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The <c>DATA_DIR</c> this instance runs with.</summary>
    public string DataDir => _settings["DATA_DIR"]!;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _ownedDataDir?.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _ownedDataDir?.Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Every host in the test process shares one loaded copy of the built-in catalog, so
            // a test pays the load once, not once per host.
            services.RemoveAll<CatalogStore>();
            services.AddSingleton(Catalog.TestCatalog.Store);
            _configureServices?.Invoke(services);
        });
    }
}
