using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using static TalknShop.Orchestrator.Sessions.DynamoDbItems;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Session leases on the session table itself, with single-item conditional writes as AWS's
/// DynamoDB lock client takes its locks: a <c>LEASE</c> item per session (<c>owner</c>,
/// <c>epoch</c>, <c>expires_at</c> in Unix ms) that changes hands only through a write
/// conditioned on the epoch that was read. Taking a lease then fences the session item
/// (<see cref="DynamoDbSessionStore.FenceAsync"/>): from that write on, the store refuses the
/// previous owner's writes, whatever its clock or its pauses say. Clocks only decide when an
/// unrenewed lease may be broken without a forced takeover; correctness rests on the fence.
/// </summary>
internal sealed class DynamoDbSessionLeases(
    DynamoDbSessionStore store, HeldLeases held, IOptions<SessionLeaseOptions> options, TimeProvider time)
{
    public const string LeaseSk = "LEASE";

    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(250);
    private static readonly Dictionary<string, string> Names = new() { ["#o"] = "owner", ["#e"] = "epoch", ["#x"] = "expires_at" };

    public string Owner => held.Owner;

    /// <summary>
    /// Takes the session's lease for this instance and fences the session to the new epoch.
    /// With <see cref="LeaseTakeover.WaitForExpiry"/> another instance's live lease is waited out
    /// (polling, bounded by <paramref name="cancellationToken"/>); with <see cref="LeaseTakeover.Force"/> it is broken.
    /// </summary>
    public async Task<SessionLease> AcquireAsync(string sessionId, LeaseTakeover takeover, CancellationToken cancellationToken)
    {
        if (held.Get(sessionId) is { } mine)
        {
            return mine;
        }

        while (true)
        {
            var current = await ReadAsync(sessionId, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (current is { } other && other.ExpiresAt > now && takeover == LeaseTakeover.WaitForExpiry)
            {
                var wait = other.ExpiresAt - now;
                await Task.Delay(wait < MaxPoll ? wait : MaxPoll, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var epoch = (current?.Epoch ?? 0) + 1;
            var expires = now + options.Value.Duration;
            try
            {
                await store.Client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = store.Table,
                    Key = Key(sessionId, LeaseSk),
                    UpdateExpression = "SET #o = :owner, #e = :epoch, #x = :expires",
                    ConditionExpression = current is null ? "attribute_not_exists(#e)" : "#e = :previous",
                    ExpressionAttributeNames = new(Names),
                    ExpressionAttributeValues = Values(held.Owner, epoch, expires, current?.Epoch),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                // Another instance moved the lease since we read it: look again.
                continue;
            }

            var fenceSeq = await store.FenceAsync(sessionId, epoch, cancellationToken).ConfigureAwait(false);
            var lease = new SessionLease(sessionId, held.Owner, epoch, fenceSeq, expires);
            held.Set(lease);
            return lease;
        }
    }

    /// <summary>Extends the lease; throws <see cref="SessionLeaseLostException"/> (and forgets it) when another instance took it.</summary>
    public async Task<SessionLease> RenewAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var renewed = lease with { ExpiresAt = time.GetUtcNow() + options.Value.Duration };
        if (!await TrySetExpiryAsync(lease, renewed.ExpiresAt, cancellationToken).ConfigureAwait(false))
        {
            held.Remove(lease.SessionId, lease.Epoch);
            throw new SessionLeaseLostException(lease.SessionId, lease.Epoch);
        }

        if (held.Get(lease.SessionId)?.Epoch == lease.Epoch)
        {
            held.Set(renewed);
        }

        return renewed;
    }

    /// <summary>
    /// Gives the lease up (expiry set to now, epoch kept so the next owner's is higher): another
    /// instance takes it at once instead of waiting for the expiry. A lease already taken is left alone.
    /// </summary>
    public async Task ReleaseAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        held.Remove(lease.SessionId, lease.Epoch);

        // False when taken over meanwhile: nothing of ours to release.
        await TrySetExpiryAsync(lease, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the expiry if the lease is still <paramref name="lease"/>'s (owner and epoch); false when another instance took it.</summary>
    private async Task<bool> TrySetExpiryAsync(SessionLease lease, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        try
        {
            await store.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = store.Table,
                Key = Key(lease.SessionId, LeaseSk),
                UpdateExpression = "SET #x = :expires",
                ConditionExpression = "#o = :owner AND #e = :epoch",
                ExpressionAttributeNames = new(Names),
                ExpressionAttributeValues = Values(lease.Owner, lease.Epoch, expires, previous: null),
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>The lease as stored (owner, epoch, expiry), or null when the session was never leased.</summary>
    public async Task<SessionLease?> ReadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await store.Client.GetItemAsync(new GetItemRequest
        {
            TableName = store.Table,
            Key = Key(sessionId, LeaseSk),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new SessionLease(sessionId, item["owner"].S, ParseLong(item["epoch"]), FenceSeq: -1,
            DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(item["expires_at"])));
    }

    private static long ParseLong(AttributeValue value) => long.Parse(value.N, CultureInfo.InvariantCulture);

    private static Dictionary<string, AttributeValue> Values(string owner, long epoch, DateTimeOffset expires, long? previous)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":owner"] = new() { S = owner },
            [":epoch"] = Number(epoch),
            [":expires"] = Number(expires.ToUnixTimeMilliseconds()),
        };
        if (previous is { } p)
        {
            values[":previous"] = Number(p);
        }

        return values;
    }
}
