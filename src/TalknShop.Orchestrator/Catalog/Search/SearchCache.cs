using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Catalog.Search;

/// <summary>
/// Answers of the built-in catalog's queries (matching ids in order, total count), by the exact
/// SQL and parameter values. The loaded catalog never changes, so an answer stays true for as
/// long as that catalog is the one searched; a reload starts an empty cache. Running the query
/// was the largest single cost of a search turn (the SQLite step and reading up to 200 rows,
/// ~30 % of the service's CPU under load), and the same searches recur: a shopper's refinements
/// go back and forth, and popular requests repeat across shoppers.
/// Bounded by entry count; when full it starts over rather than tracking recency (a few thousand
/// small id lists, cheap to rebuild).
/// </summary>
internal sealed class SearchCache
{
    private const int MaxEntries = 4096;

    private volatile Entries _entries = new(null);

    public (IReadOnlyList<int> Ids, int Total)? TryGet(LoadedCatalog catalog, string key)
    {
        var entries = _entries;
        return ReferenceEquals(entries.Catalog, catalog) && entries.Answers.TryGetValue(key, out var answer) ? answer : null;
    }

    public void Add(LoadedCatalog catalog, string key, (IReadOnlyList<int> Ids, int Total) answer)
    {
        var entries = _entries;
        if (!ReferenceEquals(entries.Catalog, catalog) || entries.Answers.Count >= MaxEntries)
        {
            entries = new Entries(catalog);
            _entries = entries;
        }

        entries.Answers.TryAdd(key, answer);
    }

    /// <summary>The command's text and every parameter's name and value: equal keys run the same query.</summary>
    public static string Key(SqliteCommand command)
    {
        var key = new StringBuilder(command.CommandText.Length + 128).Append(command.CommandText);
        foreach (SqliteParameter parameter in command.Parameters)
        {
            key.Append('\u001f').Append(parameter.ParameterName).Append('=')
                .Append(Convert.ToString(parameter.Value, CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }

    // Ids lists are never changed after they are cached: callers only read them.
    private sealed record Entries(LoadedCatalog? Catalog)
    {
        public ConcurrentDictionary<string, (IReadOnlyList<int> Ids, int Total)> Answers { get; } = new(StringComparer.Ordinal);
    }
}
