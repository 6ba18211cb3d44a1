using System.IO.Compression;
using System.Resources;
using System.Text.Json;

namespace TalknShop.Orchestrator.Catalog.Data;

/// <summary>
/// Reads and writes the catalog data file: gzip-compressed JSON lines, one <see cref="CatalogEntry"/>
/// per line. The file ships inside the assembly through <c>CatalogData.resx</c>, whose file reference
/// embeds it without any project-file entry.
/// </summary>
internal static class CatalogFile
{
    public const string SourceRelativePath = "src/TalknShop.Orchestrator/Catalog/Data/catalog.jsonl.gz";

    private static readonly ResourceManager Resources =
        new("TalknShop.Orchestrator.Catalog.Data.CatalogData", typeof(CatalogFile).Assembly);

    /// <summary>The compressed bytes embedded at build time.</summary>
    public static byte[] ReadEmbedded() =>
        Resources.GetObject("catalog", System.Globalization.CultureInfo.InvariantCulture) as byte[]
        ?? throw new InvalidOperationException("The embedded catalog data file is missing.");

    public static List<CatalogEntry> Parse(byte[] compressed)
    {
        // Lines are parsed straight from UTF-8 bytes: no per-line string, no transcoding.
        ReadOnlySpan<byte> remaining = Decompress(compressed);
        var entries = new List<CatalogEntry>(capacity: 8192);
        while (!remaining.IsEmpty)
        {
            var end = remaining.IndexOf((byte)'\n');
            var line = end < 0 ? remaining : remaining[..end];
            remaining = end < 0 ? [] : remaining[(end + 1)..];
            if (!line.IsEmpty)
            {
                entries.Add(JsonSerializer.Deserialize(line, CatalogJsonContext.Default.CatalogEntry)
                    ?? throw new InvalidDataException("Null line in catalog data file."));
            }
        }

        return entries;
    }

    /// <summary>Uncompressed JSON lines; what "same file" means, since gzip bytes vary with zlib versions.</summary>
    public static byte[] ToJsonLines(IEnumerable<CatalogEntry> entries)
    {
        using var buffer = new MemoryStream();
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(buffer, entry, CatalogJsonContext.Default.CatalogEntry);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Compress(byte[] jsonLines)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(jsonLines);
        }

        return output.ToArray();
    }
}
