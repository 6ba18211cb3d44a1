using System.Globalization;
using Microsoft.Data.Sqlite;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Storage;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog;

/// <summary>The in-memory answer of a query without words must be the SQL's, id for id and in the same order.</summary>
public sealed class CatalogRowsTests
{
    [Fact]
    public void Find_GivesTheSqlsIdsOrderAndTotal_OverThousandsOfQueries()
    {
        var catalog = TestCatalog.Store.Catalog;
        using var connection = catalog.OpenConnection();
        var compared = 0;
        var found = 0;
        var cut = 0;
        foreach (var query in Queries(catalog.Products, count: 3000, seed: 19))
        {
            foreach (var limit in (int[])[200, 7, 0])
            {
                var (sqlIds, sqlTotal) = Sql(connection, query, limit);
                var (ids, total) = catalog.Rows.Find(query, limit);

                Assert.True(sqlTotal == total, $"total {total}, SQL {sqlTotal}: {Describe(query)}");
                Assert.True(sqlIds.SequenceEqual(ids), $"ids differ (limit {limit}): {Describe(query)}");
                compared++;
                found += total > 0 ? 1 : 0;
                cut += total > limit ? 1 : 0;
            }
        }

        // The queries reach every kind of answer: matches, none, and more than the limit.
        Assert.Equal(9000, compared);
        Assert.InRange(found, 3000, 8500);
        Assert.True(cut > 1000, $"{cut} answers were cut by the limit");
    }

    [Fact]
    public void Find_QueryWithWords_IsLeftToTheSql()
    {
        var query = new CatalogQuery("laptop", "\"gaming\"", new RequirementSpec(), []);

        Assert.False(CatalogRows.CanAnswer(query));
        Assert.Throws<ArgumentException>(() => TestCatalog.Store.Catalog.Rows.Find(query, 10));
    }

    private static (List<int> Ids, int Total) Sql(SqliteConnection connection, CatalogQuery query, int limit)
    {
        using var command = query.ToCommand(connection, Math.Max(limit, 1));
        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        var total = 0;
        while (reader.Read())
        {
            total = reader.GetInt32(1);
            if (ids.Count < limit)
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        return (ids, total);
    }

    /// <summary>Queries built from real listings, with bounds exactly at their values and text in other cases.</summary>
    private static IEnumerable<CatalogQuery> Queries(IReadOnlyList<Product> products, int count, int seed)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        for (var i = 0; i < count; i++)
        {
            var product = Pick(products);
            var other = Pick(products);
            var price = product.Price ?? 100m;
            var spec = new RequirementSpec
            {
                Price = random.Next(5) switch
                {
                    0 => new PriceRange(price, null),
                    1 => new PriceRange(null, price),
                    2 => new PriceRange(Math.Round(price * 0.6m), Math.Round(price * 1.3m)),
                    3 => new PriceRange(null, Math.Round(price * 0.9m, 2)),
                    _ => null,
                },
                BrandPreferences = random.Next(5) switch
                {
                    0 => [product.Brand!],
                    1 => [product.Brand!.ToUpperInvariant()],
                    2 => [$"  {product.Brand!.ToLowerInvariant()} ", other.Brand!, " "],
                    _ => [],
                },
                ExcludedBrands = random.Next(4) == 0 ? [other.Brand!.ToUpperInvariant()] : [],
                Marketplaces = random.Next(4) switch
                {
                    0 => [product.Marketplace.ToUpperInvariant()],
                    1 => [product.Marketplace, other.Marketplace, "nowhere", ""],
                    _ => [],
                },
                RatingMin = random.Next(4) switch
                {
                    0 => product.Rating,
                    1 => 4.0,
                    _ => null,
                },
                Condition = random.Next(6) switch
                {
                    0 => product.Condition,
                    1 => "Like New",
                    2 => "refurbished",
                    _ => null,
                },
            };

            var conditions = new List<AttributeCondition>();
            foreach (var (key, value) in product.Attributes.OrderBy(_ => random.Next()).Take(random.Next(3)))
            {
                var constraint = AttributeKeys.NumericValue(value) is { } number
                    ? random.Next(4) switch
                    {
                        0 => AttributeConstraint.AtLeast(number),
                        1 => AttributeConstraint.AtMost(number),
                        2 => AttributeConstraint.EqualTo(Math.Round(number * 1.03, 1)),
                        _ => AttributeConstraint.EqualTo(number * 2),
                    }
                    : random.Next(3) switch
                    {
                        0 => AttributeConstraint.Is(value.ToUpperInvariant()),
                        1 => new AttributeConstraint { Op = "contains", Text = value.Length > 3 ? value[1..^1] : value },
                        _ => AttributeConstraint.Is(other.Attributes.GetValueOrDefault(key, "none")),
                    };
                if (AttributeCondition.From(key, constraint) is { } condition)
                {
                    conditions.Add(condition);
                }
            }

            yield return new CatalogQuery(random.Next(10) == 0 ? null : product.ProductType, null, spec, conditions);
        }
    }

    private static string Describe(CatalogQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"type {query.ProductType}, price {query.Spec.Price}, brands [{string.Join("|", query.Spec.BrandPreferences)}] not [{string.Join("|", query.Spec.ExcludedBrands)}], " +
        $"marketplaces [{string.Join("|", query.Spec.Marketplaces)}], rating {query.Spec.RatingMin}, condition {query.Spec.Condition}, " +
        $"attributes [{string.Join("; ", query.Conditions)}]");
}
