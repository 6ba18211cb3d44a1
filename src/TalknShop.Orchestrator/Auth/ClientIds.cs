using System.Globalization;
using System.Text;

namespace TalknShop.Orchestrator.Auth;

/// <summary>
/// The ids clients choose (<c>user_id</c>, <c>session_id</c>): any printable id of 1–128
/// characters, read from the raw query string and percent-decoded only.
/// </summary>
internal static class ClientIds
{
    public const int MaxLength = 128;

    /// <summary>
    /// Printable: no whitespace, control or format characters, no unpaired surrogates. Length is
    /// counted in Unicode scalar values so an id in any script gets the same 128.
    /// </summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var count = 0;
        for (var i = 0; i < id.Length; i++)
        {
            if (Rune.DecodeFromUtf16(id.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            i += consumed - 1;
            if (++count > MaxLength || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads one query parameter the way clients write ids. ASP.NET Core's query parser
    /// form-decodes, turning the <c>+</c> of an unencoded email (<c>a.b+shop@example.com</c>, as
    /// the React Native app sends it) into a space; ids are percent-decoded only, so a literal
    /// <c>+</c> stays a <c>+</c>. Returns <see cref="QueryValue.Absent"/> when not given,
    /// <see cref="QueryValue.Malformed"/> when given twice or when the decoded bytes are not UTF-8.
    /// </summary>
    public static QueryValue Read(HttpRequest request, string name)
    {
        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query))
        {
            return QueryValue.Absent;
        }

        string? found = null;
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            if (!string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
            {
                continue;
            }

            if (found is not null)
            {
                return QueryValue.Malformed;
            }

            found = equals < 0 ? "" : part[(equals + 1)..];
        }

        if (found is null)
        {
            return QueryValue.Absent;
        }

        var decoded = PercentDecode(found);
        return decoded is null ? QueryValue.Malformed : new QueryValue(decoded, Present: true);
    }

    private static string? PercentDecode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        // Decoded byte by byte, then read as strict UTF-8: Uri.UnescapeDataString would keep an
        // invalid sequence as literal "%FF" text instead of refusing it.
        var bytes = new List<byte>(value.Length);
        var literal = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[literal..i]));
                bytes.Add(b);
                i += 2;
                literal = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(value[literal..]));
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

/// <summary>A query parameter as <see cref="ClientIds.Read"/> found it.</summary>
internal readonly record struct QueryValue(string? Value, bool Present, bool IsMalformed = false)
{
    public static QueryValue Absent => new(null, Present: false);
    public static QueryValue Malformed => new(null, Present: true, IsMalformed: true);
}
