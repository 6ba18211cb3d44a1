using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace TalknShop.Orchestrator.Tests.Llm;

/// <summary>
/// AWS event-stream framing as Bedrock sends it: prelude (total length, headers length, CRC32 of
/// those 8 bytes), headers, payload <c>{"bytes":"base64 of one Anthropic stream event"}</c>, and a
/// CRC32 of everything before it. Big-endian throughout.
/// </summary>
public static class EventStreamFrames
{
    private static readonly uint[] Table = BuildTable();

    public static byte[] Frame(string anthropicEventJson)
    {
        var payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { bytes = Convert.ToBase64String(Encoding.UTF8.GetBytes(anthropicEventJson)) }));
        using var headers = new MemoryStream();
        Header(headers, ":event-type", "chunk");
        Header(headers, ":content-type", "application/json");
        Header(headers, ":message-type", "event");

        var total = 12 + (int)headers.Length + payload.Length + 4;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(0), (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32(frame.AsSpan(0, 8)));
        headers.ToArray().CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + (int)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    private static void Header(MemoryStream stream, string name, string value)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var valueBytes = Encoding.UTF8.GetBytes(value);
        stream.WriteByte((byte)nameBytes.Length);
        stream.Write(nameBytes);
        stream.WriteByte(7); // string
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)valueBytes.Length);
        stream.Write(length);
        stream.Write(valueBytes);
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
