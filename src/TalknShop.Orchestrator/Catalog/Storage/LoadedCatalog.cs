using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// The catalog once loaded: products in memory, indexed in a shared-cache in-memory SQLite
/// database that lives as long as <see cref="_anchor"/> stays open.
/// </summary>
internal sealed class LoadedCatalog : IDisposable
{
    // Opening a connection to this in-memory shared-cache database builds a new native
    // connection every time, and preparing a search's SQL costs about as much as running it
    // (together, under load, a third of each search); searches only read, so a few open
    // connections are kept, each with the statements it has prepared.
    private const int MaxIdleConnections = 16;
    private readonly ConcurrentBag<CatalogConnection> _idle = [];
    private readonly SqliteConnection _anchor;
    private readonly Dictionary<string, IReadOnlyList<string>> _marketplacesByType;

    public LoadedCatalog(IReadOnlyList<Product> products)
    {
        Products = products;

        // A unique name keeps two stores (tests, benchmarks) from sharing one database.
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"talknshop-catalog-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _anchor = new SqliteConnection(ConnectionString);
        _anchor.Open();
        CatalogDatabase.Load(_anchor, products);
        Rows = new CatalogRows(products);

        _marketplacesByType = products
            .GroupBy(p => p.ProductType ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)Ordered(g.Select(p => p.Marketplace)), StringComparer.Ordinal);
        AllMarketplaces = Ordered(products.Select(p => p.Marketplace));
    }

    /// <summary>Row id <c>i + 1</c> in the database is <c>Products[i]</c>.</summary>
    public IReadOnlyList<Product> Products { get; }

    /// <summary>The filter columns in memory, for queries without full-text words.</summary>
    public CatalogRows Rows { get; }

    /// <summary>Parsing plus indexing time, measured once by the store.</summary>
    public TimeSpan LoadTime { get; set; }

    public string ConnectionString { get; }

    public IReadOnlyList<string> AllMarketplaces { get; }

    public IReadOnlyList<string> MarketplacesFor(string? productType) =>
        productType is not null && _marketplacesByType.TryGetValue(productType, out var marketplaces) ? marketplaces : AllMarketplaces;

    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>An open connection for one search; give it back with <see cref="Return"/>.</summary>
    public CatalogConnection Rent() => _idle.TryTake(out var connection) ? connection : new CatalogConnection(OpenConnection());

    public void Return(CatalogConnection connection)
    {
        if (_idle.Count < MaxIdleConnections)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _anchor.Dispose();
        SqliteConnection.ClearPool(_anchor);
    }

    private static string[] Ordered(IEnumerable<string> marketplaces) =>
        [.. marketplaces.Distinct(StringComparer.Ordinal).OrderBy(m => IndexOf(m)).ThenBy(m => m, StringComparer.Ordinal)];

    private static int IndexOf(string marketplace)
    {
        for (var i = 0; i < Marketplaces.All.Count; i++)
        {
            if (Marketplaces.All[i] == marketplace)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
