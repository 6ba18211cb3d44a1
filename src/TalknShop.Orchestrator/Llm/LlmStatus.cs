using System.ClientModel;
using System.Net;

namespace TalknShop.Orchestrator.Llm;

/// <summary>
/// What the last model calls said about the credentials. Bedrock has no free endpoint to probe
/// them with, so <c>/health</c> learns of a rejected key (401/403) from real calls.
/// </summary>
internal sealed class LlmStatus
{
    private int _rejectedStatus;

    /// <summary>401 or 403 when the last call was refused for its credentials; otherwise null.</summary>
    public int? RejectedCredentials => Volatile.Read(ref _rejectedStatus) is var s and > 0 ? s : null;

    public void Succeeded() => Volatile.Write(ref _rejectedStatus, 0);

    public void Failed(Exception exception)
    {
        if (StatusOf(exception) is { } status && status is 401 or 403)
        {
            Volatile.Write(ref _rejectedStatus, status);
        }
    }

    /// <summary>The HTTP status behind an SDK exception, where the SDK exposes one.</summary>
    internal static int? StatusOf(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case ClientResultException { Status: > 0 } openai:
                    return openai.Status;
                case HttpRequestException { StatusCode: { } code }:
                    return (int)code;
            }

            // The Anthropic SDK's exceptions carry the status in a StatusCode property.
            var property = ex.GetType().GetProperty("StatusCode");
            switch (property?.GetValue(ex))
            {
                case HttpStatusCode code:
                    return (int)code;
                case int number:
                    return number;
            }

            if (ex.GetType().Name.Contains("Unauthorized", StringComparison.Ordinal))
            {
                return 401;
            }
        }

        return null;
    }
}
