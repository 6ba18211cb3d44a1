using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// The real service on a real Kestrel socket at 127.0.0.1 with an ephemeral port. Settings use
/// the same keys as the environment; <paramref name="configureServices"/> swaps in test doubles.
/// </summary>
public sealed class OrchestratorHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public OrchestratorHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LOG_LEVEL"] = "WARNING",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                _settings[key] = value;
            }
        }

        _configureServices = configureServices;
        // The port comes from the "urls" setting above. UseKestrel(port) would rewrite the
        // server's addresses after the app has started binding, which races and sometimes throws
        // "Addresses cannot be modified after the server has started" (dotnet/aspnetcore#67714).
        UseKestrel();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address);
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri BaseUri { get; }

    public Uri WebSocketUri(string query = "") =>
        new($"ws://{BaseUri.Authority}/ws/chat{(query.Length > 0 ? "?" + query : "")}");

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(20) };

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }
}
