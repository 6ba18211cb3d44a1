using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Auth;

public sealed class AuthTests : IAsyncLifetime
{
    private const string Issuer = "https://issuer.talknshop.test";
    private const string Audience = "talknshop-clients";
    private const string Key = "a-development-signing-key-of-32+-characters";

    private OrchestratorHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new OrchestratorHost(Settings(), s => s.UseSimpleShopping());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string?> Settings() => new()
    {
        ["AUTH_MODE"] = "jwt",
        ["JWT_ISSUER"] = Issuer,
        ["JWT_AUDIENCE"] = Audience,
        ["JWT_SIGNING_KEY"] = Key,
    };

    internal static string Token(string sub, SecurityKey? key = null, string audience = Audience, DateTime? expires = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", sub)]),
            NotBefore = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            IssuedAt = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), algorithm),
        });
    }

    [Fact]
    public async Task ValidToken_InHeader_OpensSession_AndSubWinsOverUserId()
    {
        await using var client = await ChatClient.ConnectAsync(_host.WebSocketUri("user_id=someone_else"),
            o => o.SetRequestHeader("Authorization", "Bearer " + Token("alice")));
        var connected = await client.ReceiveAsync();
        var sessionId = connected.Data().GetProperty("session_id").GetString();

        using var http = _host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{sessionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice"));
        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("alice", body.GetProperty("session").GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task ValidToken_InQuery_OpensSession()
    {
        await using var client = await ChatClient.ConnectAsync(_host.WebSocketUri("access_token=" + Token("alice")));
        Assert.Equal("connected", (await client.ReceiveAsync()).Type());
    }

    public static TheoryData<string> BadTokens => new() { "missing", "expired", "wrong_signature", "wrong_audience", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_IsRefusedBeforeUpgrade(string kind)
    {
        var token = kind switch
        {
            "expired" => Token("alice", expires: DateTime.UtcNow.AddHours(-1)),
            "wrong_signature" => Token("alice", new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-also-32-characters-long"))),
            "wrong_audience" => Token("alice", audience: "someone-else"),
            "garbage" => "not.a.token",
            _ => null,
        };

        var ex = await Assert.ThrowsAsync<WebSocketException>(() => ChatClient.ConnectAsync(_host.WebSocketUri(token is null ? "" : "access_token=" + token)));
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);

        using var http = _host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sessions/sess_000000000000");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UserA_CannotOpenResumeOrReadUserBsSession()
    {
        var (bob, connected) = await OpenAs("bob");
        await using var _ = bob;
        var sessionId = connected.Data().GetProperty("session_id").GetString();
        await bob.SendMessageAsync("laptop under $900");
        await bob.ReceiveUntilAsync(default, "done");

        await using var alice = await ChatClient.ConnectAsync(_host.WebSocketUri($"session_id={sessionId}&last_seq=0&access_token={Token("alice")}"));
        var frames = await alice.ReceiveUntilClosedAsync();
        Assert.Equal("session_unavailable", Assert.Single(frames).Code());
        Assert.DoesNotContain("laptop", frames[0].GetRawText(), StringComparison.Ordinal);

        using var http = _host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{sessionId}?user_id=bob");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice"));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("laptop", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JwksUrl_KeysAreFetched_AndOnlyThoseKeysAreTrusted()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "k1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "k1" });
        await using var jwks = await FakeHttpService.StartAsync();
        jwks.Handler = FakeHttpService.Json(JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", n = jwk.N, e = jwk.E, alg = "RS256" } } }));
        var settings = Settings();
        settings["JWT_SIGNING_KEY"] = null;
        settings.Remove("JWT_SIGNING_KEY");
        settings["JWT_JWKS_URL"] = new Uri(jwks.BaseUri, "/.well-known/jwks.json").ToString();
        await using var host = new OrchestratorHost(settings, s => s.UseSimpleShopping());

        await using var client = await ChatClient.ConnectAsync(host.WebSocketUri("access_token=" + Token("carol", key, algorithm: SecurityAlgorithms.RsaSha256)));
        Assert.Equal("connected", (await client.ReceiveAsync()).Type());

        using var other = RSA.Create(2048);
        var forged = Token("carol", new RsaSecurityKey(other) { KeyId = "k1" }, algorithm: SecurityAlgorithms.RsaSha256);
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => ChatClient.ConnectAsync(host.WebSocketUri("access_token=" + forged)));
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
    }

    private async Task<(ChatClient, JsonElement)> OpenAs(string user)
    {
        var client = await ChatClient.ConnectAsync(_host.WebSocketUri("access_token=" + Token(user)));
        return (client, await client.ReceiveAsync());
    }
}
