using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>Builds the DynamoDB client from <see cref="DynamoDbOptions"/>.</summary>
internal static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create(DynamoDbOptions options)
    {
        var config = new AmazonDynamoDBConfig
        {
            Timeout = TimeSpan.FromSeconds(10),
            MaxErrorRetry = 3,
        };

        if (options.EffectiveEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;

            // A local server accepts any signature; without configured keys, sign with placeholders
            // rather than fail in the credential chain.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")) &&
                string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE")))
            {
                return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
            }
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return new AmazonDynamoDBClient(config);
    }
}
