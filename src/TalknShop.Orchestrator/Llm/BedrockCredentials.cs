using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Anthropic.Bedrock;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// Signs each Bedrock request with the AWS credentials current at that moment.
/// <c>AnthropicBedrockCredentialsHelper.FromEnv()</c> resolves the chain once and copies the keys,
/// so role credentials (ECS task role, EC2 instance profile, SSO) would expire after an hour or so
/// and every call would then fail with 403. Here the chain's <see cref="AWSCredentials"/> object is
/// kept and asked for keys on every request; the SDK caches them and refreshes them shortly before
/// they expire, so this costs nothing per call.
/// </summary>
/// <remarks>
/// The chain is resolved on first use, not at start, and a failure is not remembered: a missing
/// region or credentials make model calls fail (and fall back to the offline understanding) and
/// show in <c>/health</c>, instead of failing every turn or the start.
/// </remarks>
/// <para>With a Bedrock API key (<c>AWS_BEARER_TOKEN_BEDROCK</c>) requests carry it as a bearer
/// token and are not signed; the key wins over AWS keys, as in the AWS SDKs.</para>
internal sealed class BedrockCredentials(Func<AWSCredentials> resolve, string? region, string? apiKey = null) : IAnthropicBedrockCredentials
{
    private readonly Lazy<AWSCredentials> _credentials = new(resolve, LazyThreadSafetyMode.PublicationOnly);

    public string Region => region ?? "";

    public bool UsesApiKey => !string.IsNullOrWhiteSpace(apiKey);

    public static BedrockCredentials Create(LlmOptions options)
    {
        var region = options.AwsRegion ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? LlmOptions.DefaultRegion;
        return new BedrockCredentials(() => options.StaticCredentials() ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(), region, options.BedrockApiKey);
    }

    /// <summary>Resolves the current keys, for the health check (no model call).</summary>
    public async Task<bool> CanResolveAsync()
    {
        if (UsesApiKey)
        {
            return true;
        }

        var current = await Current().ConfigureAwait(false);
        return !string.IsNullOrEmpty(current.AccessKey);
    }

    public async Task Apply(HttpRequestMessage requestMessage)
    {
        EscapeModelId(requestMessage);
        if (UsesApiKey)
        {
            await new AnthropicBedrockApiTokenCredentials { BearerToken = apiKey!, Region = Region }.Apply(requestMessage).ConfigureAwait(false);
            return;
        }

        var current = await Current().ConfigureAwait(false);
        if (!string.IsNullOrEmpty(current.Token))
        {
            // Temporary (role) credentials: the token header must be present before signing,
            // because the signer signs every header of the request.
            requestMessage.Headers.Remove("x-amz-security-token");
            requestMessage.Headers.TryAddWithoutValidation("x-amz-security-token", current.Token);
        }

        var signer = new AnthropicBedrockPrivateKeyCredentials { Region = region ?? "", ApiAccessKey = current.AccessKey, ApiSecret = current.SecretKey };
        await signer.Apply(requestMessage).ConfigureAwait(false);
    }

    private async Task<ImmutableCredentials> Current()
    {
        if (string.IsNullOrEmpty(region))
        {
            throw new InvalidOperationException("LLM_PROVIDER=bedrock needs AWS_REGION (or a region in the AWS profile).");
        }

        return await _credentials.Value.GetCredentialsAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException("No AWS credentials could be resolved.");
    }

    /// <summary>
    /// The SDK puts the model id into <c>/model/{id}/invoke</c> as it is: an inference-profile ARN
    /// (<c>arn:aws:bedrock:…:application-inference-profile/abc</c>) then splits into extra path
    /// segments and Bedrock answers 404. AWS SDKs send the id escaped; so does this, before signing
    /// (the signature covers the path).
    /// </summary>
    internal static void EscapeModelId(HttpRequestMessage request)
    {
        const string Prefix = "/model/";
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || !uri.AbsolutePath.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var path = uri.AbsolutePath;
        var last = path.LastIndexOf('/');
        if (last <= Prefix.Length)
        {
            return;
        }

        var id = path[Prefix.Length..last];
        var escaped = Uri.EscapeDataString(Uri.UnescapeDataString(id));
        if (escaped != id)
        {
            request.RequestUri = new Uri(
                $"{uri.Scheme}://{uri.Authority}{Prefix}{escaped}{path[last..]}{uri.Query}",
                new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        }
    }
}
