using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>Settings of the DynamoDB session store (<c>SESSION_STORE=dynamodb</c>).</summary>
public sealed class DynamoDbOptions
{
    /// <summary>One table holds session items and their events (<c>pk</c> = session id, <c>sk</c>).</summary>
    [ConfigurationKeyName("DYNAMODB_TABLE_NAME"), RegularExpression("^[A-Za-z0-9_.-]{3,255}$", ErrorMessage = "DYNAMODB_TABLE_NAME must be 3-255 of [A-Za-z0-9_.-].")]
    public string TableName { get; set; } = "orchestrator-requests";

    /// <summary>
    /// Endpoint of a local DynamoDB-API server (<c>http://127.0.0.1:8001</c>); empty for AWS. The SDK's
    /// own <c>AWS_ENDPOINT_URL_DYNAMODB</c> is honoured when this is empty.
    /// </summary>
    [ConfigurationKeyName("DYNAMODB_ENDPOINT"), Url(ErrorMessage = "DYNAMODB_ENDPOINT must be an absolute http(s) URL.")]
    public string? Endpoint { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_DYNAMODB"), Url(ErrorMessage = "AWS_ENDPOINT_URL_DYNAMODB must be an absolute http(s) URL.")]
    public string? SdkEndpoint { get; set; }

    [ConfigurationKeyName("AWS_REGION"), RegularExpression("^[a-z0-9-]{3,32}$", ErrorMessage = "AWS_REGION must look like us-west-2.")]
    public string Region { get; set; } = "us-west-2";

    /// <summary>Create the table at start when it is missing (development and tests; production tables come from infrastructure code).</summary>
    [ConfigurationKeyName("DYNAMODB_CREATE_TABLE")]
    public bool CreateTable { get; set; }

    /// <summary>
    /// Queue a turn's event appends without waiting for each (they are gathered into a few writes;
    /// each event is sent once it and all before it are stored) and start a turn from the record
    /// this instance saved last. The session's owner holds its lease, so its writes are fenced.
    /// On by default: a search turn is ~5 store calls instead of ~20. After a write DynamoDB
    /// applied but whose answer was lost, the hub sends the connected client what the log holds
    /// beyond what it was sent (see <c>SessionEventLog.Delivery</c>). False waits for every append.
    /// </summary>
    [ConfigurationKeyName("DYNAMODB_WRITE_BEHIND")]
    public bool WriteBehind { get; set; } = true;

    /// <summary>The endpoint in effect: <c>DYNAMODB_ENDPOINT</c>, else <c>AWS_ENDPOINT_URL_DYNAMODB</c>, else none (AWS).</summary>
    public string? EffectiveEndpoint =>
        !string.IsNullOrWhiteSpace(Endpoint) ? Endpoint : !string.IsNullOrWhiteSpace(SdkEndpoint) ? SdkEndpoint : null;
}
