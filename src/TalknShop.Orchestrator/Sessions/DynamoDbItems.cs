using System.Globalization;
using System.IO.Compression;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Item layout of the DynamoDB session table. <c>pk</c> = session id. <c>sk</c> = <c>SESSION</c> for
/// the session item (<c>user_id</c>, <c>version</c>, <c>record</c> JSON, or <c>record_gz</c> when it is
/// over 64 KB, <c>updated_at</c>, <c>ttl</c>, the lease fence <c>fence_epoch</c>/<c>fence_seq</c>, and the
/// log's head: <c>log_last</c>, <c>log_pending</c>), and <c>EVENT#</c> + seq zero-padded to 12 digits for
/// each event copied out of the head (<c>seq</c>, <c>type</c>, <c>frame</c> binary, <c>ttl</c>), so events sort by seq.
/// </summary>
internal static class DynamoDbItems
{
    public const string SessionSk = "SESSION";
    public const string EventPrefix = "EVENT#";

    /// <summary>The newest seq of the session's log, on the session item; every write of an event is conditional on it.</summary>
    public const string LogLast = "log_last";

    /// <summary>Events the session item took but not yet copied to their own items (a list of seq, type, frame maps).</summary>
    public const string LogPending = "log_pending";

    /// <summary>The id of the latest write of the session item, so a retried write can tell its own first try.</summary>
    public const string WriteId = "write_id";

    /// <summary>
    /// The earlier layout (no <c>log_last</c>): each event in its own item, written by a conditional put, and
    /// a commit's event kept in the session item until its own item was written. Still read.
    /// </summary>
    public const string LegacyCommitSeq = "commit_seq";
    public const string LegacyCommitType = "commit_type";
    public const string LegacyCommitFrame = "commit_frame";
    private const int CompressAboveChars = 64 * 1024;

    public const long MaxSeq = 999_999_999_999;

    public static string EventSk(long seq) => EventPrefix + seq.ToString("D12", CultureInfo.InvariantCulture);

    public static long ParseSeq(string sk) => long.Parse(sk.AsSpan(EventPrefix.Length), CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> Key(string sessionId, string sk) => new()
    {
        ["pk"] = new() { S = sessionId },
        ["sk"] = new() { S = sk },
    };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static Dictionary<string, AttributeValue> EventItem(string sessionId, StoredEvent storedEvent, DateTimeOffset expiresAt) => new()
    {
        ["pk"] = new() { S = sessionId },
        ["sk"] = new() { S = EventSk(storedEvent.Seq) },
        ["seq"] = Number(storedEvent.Seq),
        ["type"] = new() { S = storedEvent.Type },
        ["frame"] = new() { B = new MemoryStream(storedEvent.Frame.ToArray()) },
        ["ttl"] = Number(expiresAt.ToUnixTimeSeconds()),
    };

    public static AttributeValue PendingItem(StoredEvent storedEvent) => new()
    {
        M = new()
        {
            ["seq"] = Number(storedEvent.Seq),
            ["type"] = new() { S = storedEvent.Type },
            ["frame"] = new() { B = new MemoryStream(storedEvent.Frame.ToArray()) },
        },
    };

    public static StoredEvent FromPendingItem(AttributeValue value) => ToStoredEvent(value.M);

    public static StoredEvent ToStoredEvent(Dictionary<string, AttributeValue> item) =>
        new(long.Parse(item["seq"].N, CultureInfo.InvariantCulture), item["type"].S, item["frame"].B.ToArray());

    public static Dictionary<string, AttributeValue> SessionItem(SessionRecord record)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = record.SessionId },
            ["sk"] = new() { S = SessionSk },
            ["user_id"] = new() { S = record.UserId },
            ["version"] = Number(record.Version),
            ["updated_at"] = new() { S = record.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
            ["ttl"] = Number(record.ExpiresAt.ToUnixTimeSeconds()),
        };

        // Items are capped at 400 KB; a long conversation is stored gzipped rather than refused.
        var json = SessionJsonContext.Serialize(record);
        if (json.Length <= CompressAboveChars)
        {
            item["record"] = new() { S = json };
        }
        else
        {
            var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(json));
            }

            compressed.Position = 0;
            item["record_gz"] = new() { B = compressed };
        }

        return item;
    }

    public static string RecordJson(Dictionary<string, AttributeValue> item)
    {
        if (item.TryGetValue("record", out var plain))
        {
            return plain.S;
        }

        using var gzip = new GZipStream(item["record_gz"].B, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
