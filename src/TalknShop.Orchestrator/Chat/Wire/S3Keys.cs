using System.Text;
using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Chat.Wire;

/// <summary>
/// The shape of an S3 object key in the service's bucket. The media service fetches the object
/// by key; a URL or a path in its place (<c>file:///etc/passwd</c>, <c>http://127.0.0.1/…</c>)
/// must never reach it.
/// </summary>
internal static partial class S3Keys
{
    /// <summary>S3's own limit: 1024 bytes of UTF-8.</summary>
    public const int MaxBytes = 1024;

    public static bool IsObjectKey(string key)
    {
        if (key.Length == 0 || Encoding.UTF8.GetByteCount(key) > MaxBytes || key.Trim().Length != key.Length)
        {
            return false;
        }

        // No scheme ("file:", "http://", "s3://"), no absolute or protocol-relative path, no
        // Windows path or backslash, no control characters.
        if (Scheme().IsMatch(key) || key[0] is '/' or '\\' || key.Contains('\\', StringComparison.Ordinal) || key.Any(char.IsControl))
        {
            return false;
        }

        // "." and ".." segments would let a path-joining consumer step outside the prefix.
        return !key.Split('/').Any(segment => segment is "." or "..");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
