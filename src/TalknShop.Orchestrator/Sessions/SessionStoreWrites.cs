using Microsoft.Data.Sqlite;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Whether the session store's latest write failed, as the turns saw it. A store can answer its
/// read probe and still refuse every write (a full disk): <c>/health</c> reports that as degraded
/// until a write succeeds again.
/// </summary>
internal sealed class SessionStoreWrites
{
    private const int SqliteFull = 13;
    private const int SqliteIoError = 10;
    private string? _failure;
    private long _successes;

    /// <summary>Why the latest write failed, in a few words, or null when it succeeded.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Taken before a write: <see cref="Failed"/> compares it to tell an old write's late failure.</summary>
    public long Generation => Interlocked.Read(ref _successes);

    /// <summary>
    /// Records a failed write that began at <paramref name="generation"/>. A write that began before
    /// a later one succeeded (an SDK call still retrying from an outage that is over) says nothing
    /// about the store now, so it does not turn <c>/health</c> degraded again.
    /// </summary>
    public void Failed(Exception exception, long generation)
    {
        if (Interlocked.Read(ref _successes) == generation)
        {
            Volatile.Write(ref _failure, Describe(exception));
        }
    }

    public void Succeeded()
    {
        Interlocked.Increment(ref _successes);
        if (Volatile.Read(ref _failure) is not null)
        {
            Volatile.Write(ref _failure, null);
        }
    }

    private static string Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteFull }:
                    return "disk full";
                case SqliteException { SqliteErrorCode: SqliteIoError }:
                    return "disk I/O error";
                case IOException when e.HResult == 28 || e.Message.Contains("space", StringComparison.OrdinalIgnoreCase):
                    return "disk full";
                case TimeoutException or TaskCanceledException:
                    return "timed out";
                case HttpRequestException:
                    return "unreachable";
            }
        }

        return "write failed";
    }
}
