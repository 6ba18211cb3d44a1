using Microsoft.Data.Sqlite;
using TalknShop.Orchestrator.Catalog.Ranking;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>Creates the in-memory SQLite database: filter columns, attribute rows and an FTS5 index.</summary>
internal static class CatalogDatabase
{
    private const string Schema = """
        CREATE TABLE products(
            id INTEGER PRIMARY KEY,
            product_type TEXT NOT NULL,
            brand TEXT NOT NULL COLLATE NOCASE,
            marketplace TEXT NOT NULL,
            price REAL,
            rating REAL,
            condition TEXT NOT NULL,
            quality REAL NOT NULL);
        CREATE INDEX ix_products_type_price ON products(product_type, price);
        CREATE TABLE attributes(
            product_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            number REAL,
            PRIMARY KEY(product_id, key)) WITHOUT ROWID;
        CREATE INDEX ix_attributes_key_number ON attributes(key, number);
        CREATE VIRTUAL TABLE products_fts USING fts5(
            title, description, brand, product_type, attributes,
            tokenize = 'porter unicode61 remove_diacritics 2');
        """;

    /// <summary>Loads <paramref name="products"/>; row id <c>i + 1</c> is <c>products[i]</c>.</summary>
    public static void Load(SqliteConnection connection, IReadOnlyList<Product> products)
    {
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insertProduct = Command(connection, transaction,
            "INSERT INTO products VALUES ($id, $type, $brand, $marketplace, $price, $rating, $condition, $quality)");
        using var insertAttribute = Command(connection, transaction,
            "INSERT INTO attributes VALUES ($id, $key, $text, $number)");
        using var insertText = Command(connection, transaction,
            "INSERT INTO products_fts(rowid, title, description, brand, product_type, attributes) VALUES ($id, $title, $description, $brand, $type, $attributes)");

        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i];
            var type = ProductVocabulary.Find(product.ProductType);
            Run(insertProduct, i + 1, product.ProductType, product.Brand, product.Marketplace, (double?)product.Price,
                product.Rating, product.Condition, BayesianRating.Of(product.Rating, product.ReviewCount));
            foreach (var (key, value) in product.Attributes)
            {
                Run(insertAttribute, i + 1, key, value.Trim().ToLowerInvariant(), AttributeKeys.NumericValue(value));
            }

            var attributeText = string.Join(' ', product.Attributes.Select(a => AttributeText.Describe(a.Key, a.Value)).OfType<string>());
            Run(insertText, i + 1, product.Title, product.Description, product.Brand,
                type is null ? product.ProductType : ProductVocabulary.SearchWords(type), attributeText);
        }

        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var start = 0;
        while ((start = sql.IndexOf('$', start)) >= 0)
        {
            var end = start + 1;
            while (end < sql.Length && char.IsAsciiLetter(sql[end]))
            {
                end++;
            }

            var name = sql[start..end];
            if (!command.Parameters.Contains(name))
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            start = end;
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
