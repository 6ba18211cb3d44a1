namespace TalknShop.Orchestrator.Sessions;

/// <summary>The SQLite session schema. <c>user_version</c> numbers it for future migrations.</summary>
internal static class SqliteSchema
{
    public const string Create =
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS sessions (
            session_id TEXT NOT NULL PRIMARY KEY,
            user_id    TEXT NOT NULL,
            version    INTEGER NOT NULL,
            record     TEXT NOT NULL,      -- SessionRecord as snake_case JSON
            last_seq   INTEGER NOT NULL DEFAULT 0, -- unused since events carry it (kept for older files)
            updated_at INTEGER NOT NULL,   -- Unix milliseconds
            expires_at INTEGER NOT NULL    -- Unix milliseconds
        );
        CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
        CREATE TABLE IF NOT EXISTS events (
            session_id TEXT NOT NULL,
            seq        INTEGER NOT NULL,
            type       TEXT NOT NULL,
            frame      BLOB NOT NULL,      -- the exact UTF-8 frame that was sent
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;

    public const string SweepExpired =
        """
        CREATE TEMP TABLE IF NOT EXISTS expired (session_id TEXT PRIMARY KEY);
        DELETE FROM expired;
        INSERT INTO expired SELECT session_id FROM sessions WHERE expires_at <= $now ORDER BY expires_at LIMIT 500;
        DELETE FROM events WHERE session_id IN (SELECT session_id FROM expired);
        DELETE FROM sessions WHERE session_id IN (SELECT session_id FROM expired);
        DELETE FROM expired;
        """;
}
