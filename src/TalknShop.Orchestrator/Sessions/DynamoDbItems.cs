using System.Globalization;
using System.IO.Compression;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Item layout of the DynamoDB session table. <c>pk</c> = session id. <c>sk</c> = <c>SESSION</c> for
/// the session item (<c>user_id</c>, <c>version</c>, <c>record</c> JSON, or <c>record_gz</c> when it is
/// over 64 KB, <c>updated_at</c>, <c>ttl</c>), and <c>EVENT#</c> + seq zero-padded to 12 digits for
/// each event (<c>seq</c>, <c>type</c>, <c>frame</c> binary, <c>ttl</c>), so events sort by seq.
/// </summary>
internal static class DynamoDbItems
{
    public const string SessionSk = "SESSION";
    public const string EventPrefix = "EVENT#";

    /// <summary>The event committed with the session item (seq, type, frame), kept until the next commit replaces it.</summary>
    public const string CommitSeq = "commit_seq";
    public const string CommitType = "commit_type";
    public const string CommitFrame = "commit_frame";
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
