using Microsoft.Data.Sqlite;
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
            quality REAL NOT NULL,
            attribute_texts TEXT NOT NULL,
            attribute_numbers TEXT NOT NULL);
        CREATE VIRTUAL TABLE products_fts USING fts5(
            title, description, brand, product_type, attributes,
            tokenize = 'porter unicode61 remove_diacritics 2', detail = column);
        """;

    // Built after the rows are in: one sort instead of 6,000 incremental inserts.
    private const string Indexes = "CREATE INDEX ix_products_type_price ON products(product_type, price);";

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
            "INSERT INTO products VALUES ($id, $type, $brand, $marketplace, $price, $rating, $condition, $quality, $texts, $numbers)");
        using var insertText = Command(connection, transaction,
            "INSERT INTO products_fts(rowid, title, description, brand, product_type, attributes) VALUES ($id, $title, $description, $brand, $type, $attributes)");

        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i];
            var type = ProductVocabulary.Find(product.ProductType);
            Run(insertProduct, i + 1, product.ProductType, product.Brand, product.Marketplace, (double?)product.Price,
                product.Rating, product.Condition, BayesianRating.Of(product.Rating, product.ReviewCount),
                AttributeJson.Texts(product.Attributes), AttributeJson.Numbers(product.Attributes));

            var attributeText = string.Join(' ', product.Attributes.Select(a => AttributeText.Describe(a.Key, a.Value)).OfType<string>());
            Run(insertText, i + 1, product.Title, product.Description, product.Brand,
                type is null ? product.ProductType : ProductVocabulary.SearchWords(type), attributeText);
        }

        using (var indexes = connection.CreateCommand())
        {
            indexes.Transaction = transaction;
            indexes.CommandText = Indexes;
            indexes.ExecuteNonQuery();
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
