using System.Net.WebSockets;
using System.Text.Json;
using TalknShop.Orchestrator.Tests.CrashSafety;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Cluster;

/// <summary>
/// One shopper's client through the cluster's nginx: one session, messages with client message
/// ids, and a socket that is closed and opened again (so nginx may send it to another instance)
/// with <c>last_seq</c>, resending what was never accepted, as the web page does. Every frame goes
/// into a <see cref="ShopperLog"/>, which checks exactly-once delivery and endings.
/// </summary>
internal sealed class ClusterShopper(ServiceCluster cluster, string userId)
{
    private static readonly string[] Products = ["laptop", "tablet", "headphones"];
    private ChatClient? _client;

    public ShopperLog Log { get; } = new();

    public string? SessionId { get; private set; }

    /// <summary>How the server closed this shopper's sockets under it, e.g. <c>EndpointUnavailable server_shutdown</c>.</summary>
    public List<string> ServerCloses { get; } = [];

    private string Query => SessionId is null ? $"user_id={userId}" : $"user_id={userId}&session_id={SessionId}&last_seq={Log.LastSeq}";

    /// <summary>Closes the socket (if any) and connects again through nginx; reads the replay up to the session's last seq.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _client = await ChatClient.ConnectAsync(cluster.ChatUri(Query), cancellationToken: cancellationToken);
        var connected = await _client.ReceiveAsync(cancellationToken: cancellationToken);
        Assert.True(connected.Type() == "connected", $"the first frame was not connected: {connected.GetRawText()}");
        SessionId ??= connected.Data().GetProperty("session_id").GetString();
        var last = connected.Data().GetProperty("last_seq").GetInt64();
        while (Log.LastSeq < last)
        {
            Log.Observe(await _client.ReceiveAsync(cancellationToken: cancellationToken));
        }
    }

    /// <summary>The next message of the conversation: an answer when a question is pending, else a vague or a complete request.</summary>
    public SentMessage Next(int i)
    {
        var price = 400 + (Log.Messages.Count * 7);
        if (Log.Messages.Count > 0 && Log.Messages[^1] is { EndType: "clarification" } asked)
        {
            return Log.Add($"under ${price}", asked.Product, vague: false);
        }

        var product = Products[i % Products.Length];
        return i % 2 == 0
            ? Log.Add($"I want {product} #{Log.Messages.Count}", product, vague: true)
            : Log.Add($"{product} under ${price}", product, vague: false);
    }

    /// <summary>Sends the message and reads until it ended; a socket that closes meanwhile is reconnected and unaccepted messages resent.</summary>
    public async Task SendAndEndAsync(SentMessage message, CancellationToken cancellationToken)
    {
        await _client!.SendMessageAsync(message.Text, message.Id, cancellationToken: cancellationToken);
        await ReadUntilEndedAsync(cancellationToken);
    }

    public Task SendAsync(SentMessage message, CancellationToken cancellationToken) =>
        _client!.SendMessageAsync(message.Text, message.Id, cancellationToken: cancellationToken);

    /// <summary>Reads until every message sent has ended, reconnecting (and resending what was not accepted) when the socket is closed under it.</summary>
    public async Task ReadUntilEndedAsync(CancellationToken cancellationToken)
    {
        while (Log.Messages.Any(m => !m.Ended))
        {
            JsonElement frame;
            try
            {
                frame = await _client!.ReceiveAsync(cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                ServerCloses.Add($"{_client!.CloseStatus} {_client.CloseDescription}");
                await ReconnectAsync(cancellationToken);
                foreach (var unaccepted in Log.Messages.Where(m => !m.Accepted))
                {
                    await _client!.SendMessageAsync(unaccepted.Text, unaccepted.Id, cancellationToken: cancellationToken);
                }

                continue;
            }

            Log.Observe(frame);
            if (frame.Type() == "error" && frame.Seq() is null && frame.Code() == "session_conflict")
            {
                Log.Violations.Add($"session_conflict shown: {frame.GetRawText()}");
            }
        }
    }

    /// <summary>The whole log from seq 0 on a fresh connection through nginx.</summary>
    public Task<List<JsonElement>> ReplayAllAsync(CancellationToken cancellationToken) =>
        ShopperDriver.ReplayAllAsync(cluster.ChatUri($"user_id={userId}&session_id={SessionId}&last_seq=0"), cancellationToken);

    /// <summary>
    /// After an instance stopped: how the server closed this shopper's socket (recorded in
    /// <see cref="ServerCloses"/>), or nothing when it is still open. A still-open socket is
    /// aborted by the bounded read; the shopper reconnects before its next message.
    /// </summary>
    public async Task RecordServerCloseAsync()
    {
        try
        {
            while (await _client!.TryReceiveAsync(TimeSpan.FromMilliseconds(300)) is { } frame)
            {
                Log.Observe(frame);
            }

            ServerCloses.Add($"{_client.CloseStatus} {_client.CloseDescription}");
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            ServerCloses.Add("aborted");
        }
    }

    public async Task CloseAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }
    }
}
