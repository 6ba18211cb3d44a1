using Microsoft.Data.Sqlite;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// An open connection to the catalog database that keeps its prepared statements: a search
/// built from the same filters reuses the statement instead of preparing the SQL again. Used by
/// one search at a time (see <see cref="LoadedCatalog.Rent"/>).
/// </summary>
internal sealed class CatalogConnection(SqliteConnection connection) : IDisposable
{
    // Filters combine into many shapes of SQL; the few in use stay prepared, and the cache starts
    // over rather than grow without bound.
    private const int MaxStatements = 64;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>
    /// The prepared command for <paramref name="template"/>'s SQL, with the template's parameter
    /// values. The caller disposes its reader, never the command.
    /// </summary>
    public SqliteCommand Prepared(SqliteCommand template)
    {
        if (!_commands.TryGetValue(template.CommandText, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = template.CommandText;
            _commands[template.CommandText] = command;
        }

        command.Parameters.Clear();
        foreach (SqliteParameter parameter in template.Parameters)
        {
            command.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
        }

        return command;
    }

    public void Dispose()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
