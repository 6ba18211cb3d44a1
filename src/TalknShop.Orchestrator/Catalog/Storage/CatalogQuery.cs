using System.Globalization;
using Microsoft.Data.Sqlite;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>The hard filters of a spec as SQL over the catalog database. Values always travel as parameters.</summary>
/// <param name="ProductType">A canonical type, or null for any.</param>
/// <param name="Match">An FTS5 query from <see cref="FtsQuery"/>, or null.</param>
internal sealed record CatalogQuery(
    string? ProductType,
    string? Match,
    RequirementSpec Spec,
    IReadOnlyList<AttributeCondition> Conditions)
{
    /// <summary>Ids (1-based) of matches, best first, each row with the total match count.</summary>
    public SqliteCommand ToCommand(SqliteConnection connection, int limit)
    {
        var command = connection.CreateCommand();
        var where = new List<string>();
        var from = "products p";
        var relevance = "0.0";

        if (Match is not null)
        {
            // Column weights for bm25: title, description, brand, product type, attribute words.
            from = "products_fts f JOIN products p ON p.id = f.rowid";
            where.Add("products_fts MATCH $match");
            command.Parameters.AddWithValue("$match", Match);
            relevance = "bm25(products_fts, 8.0, 1.0, 4.0, 2.0, 3.0)";
        }

        if (ProductType is not null)
        {
            where.Add("p.product_type = $type");
            command.Parameters.AddWithValue("$type", ProductType);
        }

        AddPrice(command, where);
        AddList(command, where, "p.brand IN", "$brand", Spec.BrandPreferences);
        AddList(command, where, "p.brand NOT IN", "$excluded", Spec.ExcludedBrands);
        AddList(command, where, "p.marketplace IN", "$marketplace", [.. Spec.Marketplaces.Select(m => m.Trim().ToLowerInvariant())]);

        if (Spec.RatingMin is > 0 and var ratingMin)
        {
            where.Add("p.rating >= $rating");
            command.Parameters.AddWithValue("$rating", ratingMin);
        }

        if (NormalizeCondition(Spec.Condition) is { } condition)
        {
            where.Add("p.condition = $condition");
            command.Parameters.AddWithValue("$condition", condition);
        }

        for (var i = 0; i < Conditions.Count; i++)
        {
            where.Add(AttributeClause(command, Conditions[i], i));
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        // bm25() is only valid in the full-text query itself, so matches are materialized first and
        // the total count (a window function) and the ordering happen outside.
        command.CommandText = $"""
            WITH matches AS MATERIALIZED (
                SELECT p.id AS id, {relevance} AS relevance, p.price IS NULL AS unpriced, p.quality AS quality
                FROM {from}{filter})
            SELECT id, COUNT(*) OVER () FROM matches
            ORDER BY relevance, unpriced, quality DESC, id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        return command;
    }

    public static string? NormalizeCondition(string? condition) =>
        string.IsNullOrWhiteSpace(condition) ? null : condition.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private void AddPrice(SqliteCommand command, List<string> where)
    {
        // A bound on price excludes products whose price is unknown (NULL compares false).
        if (Spec.Price?.Min is { } min)
        {
            where.Add("p.price >= $min");
            command.Parameters.AddWithValue("$min", (double)min);
        }

        if (Spec.Price?.Max is { } max)
        {
            where.Add("p.price <= $max");
            command.Parameters.AddWithValue("$max", (double)max);
        }
    }

    private static void AddList(SqliteCommand command, List<string> where, string clause, string prefix, IReadOnlyList<string> values)
    {
        var names = new List<string>();
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value.Trim());
            names.Add(name);
        }

        if (names.Count > 0)
        {
            where.Add($"{clause} ({string.Join(", ", names)})");
        }
    }

    private static string AttributeClause(SqliteCommand command, AttributeCondition condition, int index)
    {
        // Keys reaching here are canonical (AttributeCondition only accepts those), so the JSON path is safe.
        var path = "$path" + index.ToString(CultureInfo.InvariantCulture);
        var value = "$value" + index.ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(path, "$." + condition.Key);
        var number = $"json_extract(p.attribute_numbers, {path})";
        var text = $"json_extract(p.attribute_texts, {path})";
        command.Parameters.AddWithValue(value, condition.Kind == ConditionKind.Numeric ? condition.Number : condition.Text);
        var tolerance = "$tolerance" + index.ToString(CultureInfo.InvariantCulture);
        if (condition.Kind == ConditionKind.Numeric && condition.Op is not ("gte" or "lte"))
        {
            command.Parameters.AddWithValue(tolerance, NumericTolerance.For(condition));
        }

        return condition.Kind switch
        {
            ConditionKind.Numeric => condition.Op switch
            {
                "gte" => $"{number} >= {value} - 1e-9",
                "lte" => $"{number} <= {value} + 1e-9",
                _ => $"abs({number} - {value}) <= {tolerance}",
            },
            ConditionKind.TextEquals => $"{text} = {value}",
            _ => $"instr({text}, {value}) > 0",
        };
    }
}
