namespace TalknShop.Orchestrator.Sessions;

/// <summary>
/// Keeps a second process off a <c>DATA_DIR</c> this one serves. Two processes on one SQLite file
/// do not corrupt it, but each thinks it is the log's only writer (write-behind appends) and their
/// turns meet as <c>session_conflict</c>; refusing the second at start says so at once instead.
/// </summary>
/// <remarks>
/// A lock file opened with <see cref="FileShare.None"/>: on Linux and macOS .NET takes an advisory
/// <c>flock</c> on it, on Windows a share-mode lock; the kernel releases either when the process
/// ends, kill -9 included, so a crash never leaves a stale lock behind (unlike a pid file).
/// </remarks>
internal sealed class SqliteInstanceLock : IDisposable
{
    public const string FileName = "instance.lock";

    private readonly FileStream _file;

    private SqliteInstanceLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="dataDir"/>, or throws a message that says what to do.</summary>
    public static SqliteInstanceLock Acquire(string dataDir)
    {
        var directory = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                writer.Write($"{Environment.ProcessId}\n");
            }

            file.Flush(flushToDisk: false);
            return new SqliteInstanceLock(file);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"DATA_DIR '{directory}' is already served by another process (it holds {path}). " +
                "The SQLite session store serves one instance only; to run several instances, use the DynamoDB store " +
                "(SESSION_STORE=dynamodb, DYNAMODB_TABLE_NAME), or give each instance its own DATA_DIR.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
