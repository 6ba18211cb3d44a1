using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Sessions in one SQLite file (<c>DATA_DIR/sessions.db</c>, WAL). Reads take a pooled
/// connection each; writes go one at a time through one write connection, appends and saves in
/// group-committed batches (<c>SqliteSessionStore.GroupCommit.cs</c>). Write transactions take
/// the lock up front (BEGIN IMMEDIATE) and a second process on the same file waits through
/// <c>busy_timeout</c>, so it is safe for concurrent use and for a second process. The newest seq is the newest stored event's: retention
/// always keeps it, and an expired session goes with all its events.
/// </summary>
internal sealed partial class SqliteSessionStore : ISessionStore, IDisposable
{
    private const int BusyTimeoutMs = 5000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly string _connectionString;
    private readonly SessionStoreOptions _options;
    private readonly TimeProvider _time;
    private long _nextSweepMs;
    private readonly SemaphoreSlim _writer = new(1, 1);

    // Every write goes through this one connection, under _writer, with its statements prepared
    // once (WriteCommand): opening a pooled connection (and setting its pragmas) and preparing
    // the SQL again for every write was a large part of a write's cost under load.
    private readonly SqliteConnection _writeConnection;
    private readonly Dictionary<string, SqliteCommand> _writeCommands = new(StringComparer.Ordinal);

    public SqliteSessionStore(IOptions<SessionStoreOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var directory = Path.GetFullPath(_options.DataDir);
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, "sessions.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writeConnection = Open();
        using (var command = _writeConnection.CreateCommand())
        {
            command.CommandText = SqliteSchema.Create;
            command.ExecuteNonQuery();
        }

        _batchWriter = Task.Run(BatchLoopAsync);
    }

    public string Name => "sqlite";

    public bool OrderedAppends => true;

    public string DatabasePath { get; }

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var connection = Open();
        var now = NowMs();
        using (var command = Command(connection, "SELECT version, record, expires_at FROM sessions WHERE session_id = $id", ("$id", sessionId)))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            if (reader.GetInt64(2) > now)
            {
                return SessionJsonContext.Deserialize(reader.GetString(1)) with { Version = reader.GetInt64(0) };
            }
        }

        // Expired: absent for callers, and removed while we are here.
        await WriteAsync(async () =>
        {
            using var transaction = _writeConnection.BeginTransaction(deferred: false);
            await DeleteIfExpiredAsync(transaction, sessionId, now, cancellationToken);
            transaction.Commit();
            return true;
        }, cancellationToken);
        return null;
    }

    public Task<bool> TryCreateAsync(SessionRecord record, CancellationToken cancellationToken) =>
        WriteAsync(() => TryCreateCoreAsync(record, cancellationToken), cancellationToken);

    private async Task<bool> TryCreateCoreAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        await SweepExpiredNowAndThenAsync(cancellationToken);
        return await InsertAsync(record with { Version = 1 }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT seq, type, frame FROM events WHERE session_id = $id AND seq > $after ORDER BY seq LIMIT $limit",
            ("$id", sessionId), ("$after", afterSeq), ("$limit", Math.Max(0, limit)));
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }

        return events;
    }

    public async Task<long> GetLastSeqAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT MAX(seq) FROM events WHERE session_id = $id", ("$id", sessionId));
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT 1");
        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }

    /// <summary>Closes this database's pooled connections (the file can then be moved or deleted).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        StopBatchWriter();
        foreach (var command in _writeCommands.Values)
        {
            command.Dispose();
        }

        _writeConnection.Dispose();
        SqliteConnection.ClearPool(connection);
        _writer.Dispose();
    }

    private async Task<bool> InsertAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        using var transaction = _writeConnection.BeginTransaction(deferred: false);
        await DeleteIfExpiredAsync(transaction, record.SessionId, NowMs(), cancellationToken);
        var command = WriteCommand(transaction,
            """
            INSERT INTO sessions (session_id, user_id, version, record, last_seq, updated_at, expires_at)
            VALUES ($id, $user, $version, CAST($record AS TEXT), 0, $updated, $expires)
            ON CONFLICT (session_id) DO NOTHING
            """,
            ("$id", record.SessionId), ("$user", record.UserId), ("$version", record.Version), ("$record", SessionJsonContext.SerializeToUtf8(record)),
            ("$updated", record.UpdatedAt.ToUnixTimeMilliseconds()), ("$expires", record.ExpiresAt.ToUnixTimeMilliseconds()));
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        transaction.Commit();
        return inserted;
    }

    private async Task DeleteIfExpiredAsync(SqliteTransaction transaction, string sessionId, long nowMs, CancellationToken cancellationToken)
    {
        var command = WriteCommand(transaction,
            """
            DELETE FROM events WHERE session_id = $id AND EXISTS (SELECT 1 FROM sessions WHERE session_id = $id AND expires_at <= $now);
            DELETE FROM sessions WHERE session_id = $id AND expires_at <= $now;
            """,
            ("$id", sessionId), ("$now", nowMs));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>At most once a minute, removes a batch of expired sessions with their events.</summary>
    private async Task SweepExpiredNowAndThenAsync(CancellationToken cancellationToken)
    {
        var now = NowMs();
        var due = Interlocked.Read(ref _nextSweepMs);
        if (now < due || Interlocked.CompareExchange(ref _nextSweepMs, now + (long)SweepInterval.TotalMilliseconds, due) != due)
        {
            return;
        }

        using var transaction = _writeConnection.BeginTransaction(deferred: false);
        var command = WriteCommand(transaction, SqliteSchema.SweepExpired, ("$now", now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        transaction.Commit();
    }

    /// <summary>
    /// One writer at a time in this process. SQLite allows one writer anyway; letting many
    /// connections contend makes the losers sleep in SQLite's busy handler (it polls with back-off,
    /// it is not woken when the lock frees), which under load cost far more than the writes
    /// themselves. Waiting here is an async wait that ends the moment the writer is done.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The write connection's command for <paramref name="sql"/>, prepared on first use and kept;
    /// only under <see cref="_writer"/>. Not to be disposed by the caller.
    /// </summary>
    private SqliteCommand WriteCommand(SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        if (!_writeCommands.TryGetValue(sql, out var command))
        {
            command = _writeConnection.CreateCommand();
            command.CommandText = sql;
            _writeCommands[sql] = command;
        }

        command.Transaction = transaction;

        // The kept command keeps its parameters too and only their values change: new parameter
        // objects for every event appended were a tenth of the store's allocations.
        var bound = command.Parameters;
        if (bound.Count != parameters.Length)
        {
            bound.Clear();
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var (name, value) = parameters[i];
            if (i < bound.Count && bound[i].ParameterName == name)
            {
                bound[i].Value = value;
            }
            else
            {
                bound.Clear();
                foreach (var (n, v) in parameters)
                {
                    bound.AddWithValue(n, v);
                }

                break;
            }
        }

        return command;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static SessionConflictException Conflict(SessionRecord record) =>
        new($"Session {record.SessionId} changed (expected version {record.Version}).");
}
