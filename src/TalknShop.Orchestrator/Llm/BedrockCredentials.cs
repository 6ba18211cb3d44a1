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
internal sealed class BedrockCredentials(AWSCredentials credentials, string region) : IAnthropicBedrockCredentials
{
    public string Region => region;

    public static BedrockCredentials Create(LlmOptions options)
    {
        var region = options.AwsRegion ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName
            ?? throw new InvalidOperationException("LLM_PROVIDER=bedrock needs AWS_REGION (or a region in the AWS profile).");
        AWSCredentials credentials = !string.IsNullOrWhiteSpace(options.AwsAccessKeyId)
            ? string.IsNullOrWhiteSpace(options.AwsSessionToken)
                ? new BasicAWSCredentials(options.AwsAccessKeyId, options.AwsSecretAccessKey)
                : new SessionAWSCredentials(options.AwsAccessKeyId, options.AwsSecretAccessKey, options.AwsSessionToken)
            : DefaultAWSCredentialsIdentityResolver.GetCredentials();
        return new BedrockCredentials(credentials, region);
    }

    /// <summary>Resolves the current keys, for the health check (no model call).</summary>
    public async Task<bool> CanResolveAsync()
    {
        var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        return current is not null && !string.IsNullOrEmpty(current.AccessKey);
    }

    public async Task Apply(HttpRequestMessage requestMessage)
    {
        var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        if (!string.IsNullOrEmpty(current.Token))
        {
            // Temporary (role) credentials: the token header must be present before signing,
            // because the signer signs every header of the request.
            requestMessage.Headers.Remove("x-amz-security-token");
            requestMessage.Headers.TryAddWithoutValidation("x-amz-security-token", current.Token);
        }

        var signer = new AnthropicBedrockPrivateKeyCredentials { Region = region, ApiAccessKey = current.AccessKey, ApiSecret = current.SecretKey };
        await signer.Apply(requestMessage).ConfigureAwait(false);
    }
}
