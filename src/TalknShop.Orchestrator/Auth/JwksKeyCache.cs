using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// Signing keys from <c>JWT_JWKS_URL</c>, loaded at start and refreshed every ten minutes in the
/// background. The JWT handler's key resolver is synchronous, so keys must already be in memory
/// when a token arrives; fetching them there would block a request thread on the network.
/// A singleton (the JWT handler's options hold it), so it asks <see cref="IHttpClientFactory"/> for
/// a named client per fetch: a typed client is registered transient, and one captured by a
/// singleton would keep its first handler, and so its DNS answers, for ever. Idle unless <c>AUTH_MODE=jwt</c>.
/// </summary>
internal sealed class JwksKeyCache(IHttpClientFactory clients, IOptions<AuthOptions> options, TimeProvider time, ILogger<JwksKeyCache> logger) : BackgroundService
{
    public const string HttpClientName = "jwks";

    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);
    private volatile IReadOnlyList<SecurityKey> _keys = [];

    public IEnumerable<SecurityKey> Keys(string? kid) =>
        kid is null ? _keys : _keys.Where(k => k.KeyId is null || string.Equals(k.KeyId, kid, StringComparison.Ordinal));

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await LoadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.JwtEnabled || options.Value.JwksUrl is not { } url)
        {
            return;
        }

        try
        {
            var json = await clients.CreateClient(HttpClientName).GetStringAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            _keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
        }
        catch (Exception ex) when (ex is HttpRequestException or ArgumentException or TaskCanceledException)
        {
            AuthLog.JwksRefreshFailed(logger, ex);
        }
    }
}
