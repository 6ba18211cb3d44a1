using System.Globalization;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Chat;

/// <summary>
/// A connection's heartbeat frame, serialized once when the connection opens and re-stamped in
/// place for every beat. Hand-written because serializing a fresh <c>ping</c> per connection per
/// beat was the only allocation an idle connection made (~1.4 KB a beat): the envelope carries the
/// connection's session id, so one shared frame cannot do. Only the two timestamps change, and
/// they keep their width (<c>2026-11-25T10:00:00.123Z</c>), so the bytes are rewritten, not rebuilt.
/// </summary>
internal sealed class PingFrame
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // A placeholder no real beat carries; its two occurrences (data.timestamp, then the
    // envelope's timestamp) both come before session_id, so a session id cannot be mistaken for one.
    private static readonly DateTimeOffset Placeholder = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly byte[] _frame;
    private readonly int _dataStamp;
    private readonly int _envelopeStamp;
    private int _queued;

    public PingFrame(string sessionId)
    {
        _frame = EventFrames.Create(new PingData(Placeholder), Placeholder, sessionId);
        Span<byte> stamp = stackalloc byte[24];
        Placeholder.UtcDateTime.TryFormat(stamp, out var length, Format, CultureInfo.InvariantCulture);
        stamp = stamp[..length];
        _dataStamp = _frame.AsSpan().IndexOf(stamp);
        _envelopeStamp = _dataStamp + length + _frame.AsSpan(_dataStamp + length).IndexOf(stamp);
    }

    /// <summary>
    /// The frame stamped with <paramref name="now"/>; false while the previous beat is still queued
    /// (a client that has not read one heartbeat gains nothing from a second, and the bytes must
    /// not change under a send in progress).
    /// </summary>
    public bool TryStamp(DateTimeOffset now, out ReadOnlyMemory<byte> frame)
    {
        if (Interlocked.CompareExchange(ref _queued, 1, 0) != 0)
        {
            frame = default;
            return false;
        }

        var utc = now.UtcDateTime;
        utc.TryFormat(_frame.AsSpan(_dataStamp), out _, Format, CultureInfo.InvariantCulture);
        utc.TryFormat(_frame.AsSpan(_envelopeStamp), out _, Format, CultureInfo.InvariantCulture);
        frame = _frame;
        return true;
    }

    /// <summary>The send loop has written the frame to the socket (or given up on it): the next beat may stamp it.</summary>
    public void Sent() => Volatile.Write(ref _queued, 0);

    /// <summary>Whether <paramref name="frame"/> is this heartbeat's buffer.</summary>
    public bool Is(ReadOnlyMemory<byte> frame) => frame.Span.Overlaps(_frame);
}
