using Amazon.Runtime;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator;

/// <summary>
/// Static AWS keys, shared by the settings of every feature that calls AWS (Bedrock, S3). Unset =
/// the AWS default credential chain (environment, profile, ECS/EC2 role; role credentials refresh themselves).
/// </summary>
public abstract class AwsKeyOptions
{
    [ConfigurationKeyName("AWS_ACCESS_KEY_ID")]
    public string? AwsAccessKeyId { get; set; }

    [ConfigurationKeyName("AWS_SECRET_ACCESS_KEY")]
    public string? AwsSecretAccessKey { get; set; }

    [ConfigurationKeyName("AWS_SESSION_TOKEN")]
    public string? AwsSessionToken { get; set; }

    /// <summary>The static keys as SDK credentials, or null when none are set (use the default chain).</summary>
    public AWSCredentials? StaticCredentials() =>
        string.IsNullOrWhiteSpace(AwsAccessKeyId) ? null
        : string.IsNullOrWhiteSpace(AwsSessionToken) ? new BasicAWSCredentials(AwsAccessKeyId, AwsSecretAccessKey)
        : new SessionAWSCredentials(AwsAccessKeyId, AwsSecretAccessKey, AwsSessionToken);
}
