using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Event appends with group commit. Every server event is stored before it is sent, so a busy
/// service appends thousands of events a second; one transaction each made the commit, not the
/// work, the limit. Appends queue here and one writer commits whatever has gathered in a single
/// transaction, each append in its own savepoint so a conflicting one fails alone.
/// </summary>
internal sealed partial class SqliteSessionStore
{
    private const int MaxAppendBatch = 512;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _appendWriter;

    public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(sessionId, storedEvent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _appends.Writer.TryWrite(pending)
            ? pending.Done.Task.WaitAsync(cancellationToken)
            : Task.FromException(new ObjectDisposedException(nameof(SqliteSessionStore)));
    }

    private void StopAppendWriter()
    {
        _appends.Writer.TryComplete();
        _appendWriter.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AppendLoopAsync()
    {
        var batch = new List<PendingAppend>(MaxAppendBatch);
        while (await _appends.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxAppendBatch && _appends.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await _writer.WaitAsync().ConfigureAwait(false);
            try
            {
                CommitBatch(batch);
            }
            catch (Exception ex)
            {
                // The whole transaction failed (disk full, database locked by another process):
                // every append of it reports the failure; none is half-written.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }
            }
            finally
            {
                _writer.Release();
                batch.Clear();
            }
        }
    }

    private void CommitBatch(List<PendingAppend> batch)
    {
        // No savepoints needed: an append that cannot claim its seq inserts nothing.
        var outcomes = new Exception?[batch.Count];
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var transaction = _writeConnection.BeginTransaction(deferred: false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = AppendOne(transaction, batch[i].SessionId, batch[i].Event);
                if (outcomes[i] is null)
                {
                    newest[batch[i].SessionId] = batch[i].Event.Seq;
                }
            }

            // Keep the newest N per session (never the newest itself, which is the session's last
            // seq), once per batch rather than once per event. Seqs are gapless (the hub allocates
            // last + 1), so that is a range delete on the primary key.
            foreach (var (sessionId, seq) in newest)
            {
                WriteCommand(transaction, "DELETE FROM events WHERE session_id = $id AND seq <= $oldest",
                    ("$id", sessionId), ("$oldest", seq - _options.EventRetention)).ExecuteNonQuery();
            }

            transaction.Commit();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } failure)
            {
                batch[i].Done.TrySetException(failure);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }

    /// <summary>Stores one event; returns why it could not be stored, or null.</summary>
    private Exception? AppendOne(SqliteTransaction transaction, string sessionId, StoredEvent storedEvent)
    {
        // The seq is claimed by the insert itself: it must be newer than every stored one. The
        // session row is not touched: it holds the whole record, and SQLite rewrites a row in
        // full on any update, so bumping a counter there cost a record-sized write per event.
        var insert = WriteCommand(transaction,
            """
            INSERT INTO events (session_id, seq, type, frame)
            SELECT $id, $seq, $type, $frame
            WHERE EXISTS (SELECT 1 FROM sessions WHERE session_id = $id)
              AND NOT EXISTS (SELECT 1 FROM events WHERE session_id = $id AND seq >= $seq)
            """,
            ("$id", sessionId), ("$seq", storedEvent.Seq), ("$type", storedEvent.Type), ("$frame", storedEvent.Frame.ToArray()));
        if (insert.ExecuteNonQuery() == 0)
        {
            var exists = WriteCommand(transaction, "SELECT 1 FROM sessions WHERE session_id = $id", ("$id", sessionId));
            return exists.ExecuteScalar() is null
                ? new InvalidOperationException($"Unknown session {sessionId}.")
                : new SessionConflictException($"Seq {storedEvent.Seq} of session {sessionId} is taken.");
        }

        return null;
    }

    private sealed record PendingAppend(string SessionId, StoredEvent Event, TaskCompletionSource Done);
}
