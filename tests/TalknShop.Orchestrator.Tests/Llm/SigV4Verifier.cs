using System.Security.Cryptography;
using System.Text;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>
/// Checks an AWS Signature Version 4 the way AWS documents the server side: the canonical URI is
/// the path as sent with each segment URI-encoded once more (every service but S3), headers named
/// in <c>SignedHeaders</c> lower-cased and trimmed, the payload hashed with SHA-256, and the
/// signature an HMAC chain over date, region and service. Written from AWS's "Create a signed AWS
/// API request" page so the fake refuses what Bedrock would refuse.
/// </summary>
internal static class SigV4Verifier
{
    /// <summary>Null when the signature is valid; otherwise why not.</summary>
    public static string? Problem(string method, string rawTarget, IReadOnlyDictionary<string, string> headers, byte[] body, string secret, string service)
    {
        if (!headers.TryGetValue("authorization", out var authorization) || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return "no AWS4-HMAC-SHA256 Authorization header";
        }

        var fields = authorization["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "", StringComparer.Ordinal);
        var scope = fields["Credential"].Split('/');
        if (scope.Length != 5 || scope[3] != service || scope[4] != "aws4_request")
        {
            return $"credential scope {fields["Credential"]} is not for {service}";
        }

        var (date, region) = (scope[1], scope[2]);
        if (!headers.TryGetValue("x-amz-date", out var amzDate) || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return "x-amz-date is missing or does not match the credential scope";
        }

        var signedHeaders = fields["SignedHeaders"].Split(';');
        if (!signedHeaders.Contains("host"))
        {
            return "the host header is not signed";
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                return $"signed header {name} was not received";
            }

            canonicalHeaders.Append(name).Append(':').Append(string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        var payloadHash = Hex(SHA256.HashData(body));
        if (headers.TryGetValue("x-amz-content-sha256", out var declared) && declared != payloadHash)
        {
            return "x-amz-content-sha256 does not match the body";
        }

        var (path, query) = rawTarget.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (rawTarget[..q], rawTarget[(q + 1)..]) : (rawTarget, "");
        var canonicalUri = string.Join('/', path.Split('/').Select(Encode));
        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var canonicalRequest = $"{method}\n{canonicalUri}\n{canonicalQuery}\n{canonicalHeaders}\n{fields["SignedHeaders"]}\n{payloadHash}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        return expected == fields["Signature"] ? null : $"signature mismatch; canonical request was:\n{canonicalRequest}";
    }

    // RFC 3986 unreserved characters stay; every other byte is %XX with upper-case hex.
    private static string Encode(string segment)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
