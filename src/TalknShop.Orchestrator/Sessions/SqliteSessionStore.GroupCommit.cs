using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Event appends and session saves with group commit. A busy service writes thousands of events
/// and hundreds of saves a second; one transaction each, taken in turn by every caller, made the
/// waiting for the writer, not the work, the limit. Writes queue here in call order and one
/// writer commits whatever has gathered in a single transaction. Neither kind needs a savepoint:
/// an append that cannot claim its seq inserts nothing, a save whose version moved updates nothing.
/// </summary>
internal sealed partial class SqliteSessionStore
{
    private const int MaxBatch = 512;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _batchWriter;

    public Task AppendEventAsync(string sessionId, StoredEvent storedEvent, CancellationToken cancellationToken) =>
        EnqueueAsync(new PendingAppend(sessionId, storedEvent), cancellationToken);

    public Task<SessionRecord> SaveAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        if (record.Version == 0)
        {
            return WriteAsync(() => SaveNewAsync(record, cancellationToken), cancellationToken);
        }

        // The record is serialized here, by the caller, not while the writer waits.
        var saved = record with { Version = record.Version + 1 };
        var save = new PendingSave(saved, record.Version, SessionJsonContext.SerializeToUtf8(saved));
        return SaveQueuedAsync(save, cancellationToken);
    }

    public async Task<SessionRecord> CommitAsync(SessionRecord record, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var saved = record with { Version = record.Version + 1 };
        await EnqueueAsync(new PendingCommit(new PendingSave(saved, record.Version, SessionJsonContext.SerializeToUtf8(saved)), new PendingAppend(record.SessionId, storedEvent)), cancellationToken).ConfigureAwait(false);
        return saved;
    }

    private async Task<SessionRecord> SaveQueuedAsync(PendingSave save, CancellationToken cancellationToken)
    {
        await EnqueueAsync(save, cancellationToken).ConfigureAwait(false);
        return save.Saved;
    }

    private async Task<SessionRecord> SaveNewAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        var saved = record with { Version = 1 };
        return await InsertAsync(saved, cancellationToken) ? saved : throw Conflict(record);
    }

    private Task EnqueueAsync(PendingWrite write, CancellationToken cancellationToken) =>
        _writes.Writer.TryWrite(write)
            ? write.Done.Task.WaitAsync(cancellationToken)
            : Task.FromException(new ObjectDisposedException(nameof(SqliteSessionStore)));

    private void StopBatchWriter()
    {
        _writes.Writer.TryComplete();
        _batchWriter.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task BatchLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var next))
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
                // every write of it reports the failure; none is half-written.
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

    private void CommitBatch(List<PendingWrite> batch)
    {
        var outcomes = new Exception?[batch.Count];
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var transaction = _writeConnection.BeginTransaction(deferred: false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                switch (batch[i])
                {
                    case PendingAppend append:
                        outcomes[i] = AppendOne(transaction, append.SessionId, append.Event);
                        if (outcomes[i] is null)
                        {
                            newest[append.SessionId] = append.Event.Seq;
                        }

                        break;
                    case PendingSave save:
                        outcomes[i] = SaveOne(transaction, save);
                        break;
                    case PendingCommit commit:
                        outcomes[i] = CommitOne(transaction, commit);
                        if (outcomes[i] is null)
                        {
                            newest[commit.Append.SessionId] = commit.Append.Event.Seq;
                        }

                        break;
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

    /// <summary>A record and an event together: a savepoint undoes the save when the append cannot claim its seq.</summary>
    private Exception? CommitOne(SqliteTransaction transaction, PendingCommit commit)
    {
        transaction.Save("turn_commit");
        var failure = (Exception?)SaveOne(transaction, commit.Save) ?? AppendOne(transaction, commit.Append.SessionId, commit.Append.Event);
        if (failure is not null)
        {
            transaction.Rollback("turn_commit");
        }

        transaction.Release("turn_commit");
        return failure;
    }

    /// <summary>Stores one event; returns why it could not be stored, or null.</summary>
    private Exception? AppendOne(SqliteTransaction transaction, string sessionId, StoredEvent storedEvent)
    {
        // The seq is claimed by the insert itself: it must follow the newest stored one exactly, so
        // an append queued behind a failed one (disk full) cannot leave a gap in the log. The
        // session row is not touched: it holds the whole record, and SQLite rewrites a row in
        // full on any update, so bumping a counter there cost a record-sized write per event.
        var insert = WriteCommand(transaction,
            """
            INSERT INTO events (session_id, seq, type, frame)
            SELECT $id, $seq, $type, $frame
            WHERE EXISTS (SELECT 1 FROM sessions WHERE session_id = $id)
              AND (SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = $id) = $seq - 1
            """,
            ("$id", sessionId), ("$seq", storedEvent.Seq), ("$type", storedEvent.Type), ("$frame", WholeArray(storedEvent.Frame)));
        if (insert.ExecuteNonQuery() == 0)
        {
            var exists = WriteCommand(transaction, "SELECT 1 FROM sessions WHERE session_id = $id", ("$id", sessionId));
            return exists.ExecuteScalar() is null
                ? new InvalidOperationException($"Unknown session {sessionId}.")
                : new SessionConflictException($"Seq {storedEvent.Seq} of session {sessionId} is taken.");
        }

        return null;
    }

    /// <summary>The frame's own array when it spans all of one (as a serialized frame does), else a copy: the binder takes only arrays.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> frame) =>
        MemoryMarshal.TryGetArray(frame, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : frame.ToArray();

    /// <summary>Saves one record if its stored version is still the expected one; returns the conflict, or null.</summary>
    private SessionConflictException? SaveOne(SqliteTransaction transaction, PendingSave save)
    {
        var saved = save.Saved;
        var update = WriteCommand(transaction,
            """
            UPDATE sessions SET user_id = $user, version = $version, record = CAST($record AS TEXT), updated_at = $updated, expires_at = $expires
            WHERE session_id = $id AND version = $expected
            """,
            ("$id", saved.SessionId), ("$user", saved.UserId), ("$version", saved.Version), ("$record", save.Utf8Json),
            ("$updated", saved.UpdatedAt.ToUnixTimeMilliseconds()), ("$expires", saved.ExpiresAt.ToUnixTimeMilliseconds()), ("$expected", save.ExpectedVersion));
        return update.ExecuteNonQuery() == 1 ? null : new SessionConflictException($"Session {saved.SessionId} changed (expected version {save.ExpectedVersion}).");
    }

    private abstract record PendingWrite
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record PendingAppend(string SessionId, StoredEvent Event) : PendingWrite;

    /// <summary>
    /// The record's JSON as UTF-8, bound as a blob and stored as text by the SQL's CAST: a string
    /// went JSON bytes → UTF-16 → UTF-8 again in the binder, three copies of the largest value a
    /// turn writes (twice per turn), a fifth of a turn's allocations.
    /// </summary>
    private sealed record PendingSave(SessionRecord Saved, long ExpectedVersion, byte[] Utf8Json) : PendingWrite;

    private sealed record PendingCommit(PendingSave Save, PendingAppend Append) : PendingWrite;
}
