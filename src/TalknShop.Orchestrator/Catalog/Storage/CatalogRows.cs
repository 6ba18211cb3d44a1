using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog.Storage;

/// <summary>
/// The catalog's filter columns in memory, each product type's rows already in the catalog's
/// default order, so a query without full-text words is answered by one pass over its type.
/// </summary>
/// <remarks>
/// Written by hand beside the SQL because a query without words (a type, a budget, brands,
/// attributes: most searches) has nothing for SQLite's index to do beyond the type and price:
/// materializing every match, counting and sorting them in SQLite, and parsing each row's
/// attribute JSON, was the largest single cost of a search turn. The SQL in
/// <see cref="CatalogQuery.ToCommand"/> stays the definition: <c>CatalogRowsTests</c> checks that
/// both give the same ids in the same order and the same total over thousands of queries.
/// </remarks>
internal sealed class CatalogRows
{
    private readonly Row[] _all;
    private readonly Dictionary<string, Row[]> _byType;

    public CatalogRows(IReadOnlyList<Product> products)
    {
        var rows = new Row[products.Count];
        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i];
            var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in product.Attributes)
            {
                // As AttributeJson writes the two JSON columns the SQL reads.
                texts[key] = value.Trim().ToLowerInvariant();
                if (AttributeKeys.NumericValue(value) is { } number)
                {
                    numbers[key] = number;
                }
            }

            rows[i] = new Row(i + 1, product.ProductType ?? "", product.Brand ?? "", product.Marketplace, (double?)product.Price,
                product.Rating, product.Condition, BayesianRating.Of(product.Rating, product.ReviewCount), texts, numbers);
        }

        // ORDER BY relevance (none without words), unpriced, quality DESC, id.
        Array.Sort(rows, static (a, b) =>
        {
            var unpriced = (a.Price is null).CompareTo(b.Price is null);
            if (unpriced != 0)
            {
                return unpriced;
            }

            var quality = b.Quality.CompareTo(a.Quality);
            return quality != 0 ? quality : a.Id.CompareTo(b.Id);
        });
        _all = rows;
        _byType = rows.GroupBy(r => r.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Whether <see cref="Find"/> can answer <paramref name="query"/>: any query without full-text words.</summary>
    public static bool CanAnswer(CatalogQuery query) => query.Match is null;

    /// <summary>What the SQL of <paramref name="query"/> returns: up to <paramref name="limit"/> ids, best first, and the total.</summary>
    public (IReadOnlyList<int> Ids, int Total) Find(CatalogQuery query, int limit)
    {
        if (!CanAnswer(query))
        {
            throw new ArgumentException("A query with full-text words needs the SQL.", nameof(query));
        }

        var rows = query.ProductType is null ? _all : _byType.GetValueOrDefault(query.ProductType, []);
        var filter = new Filter(query);
        var ids = new List<int>(Math.Clamp(limit, 0, 256));
        var total = 0;
        foreach (var row in rows)
        {
            if (filter.Matches(row))
            {
                total++;
                if (ids.Count < limit)
                {
                    ids.Add(row.Id);
                }
            }
        }

        return (ids, total);
    }

    internal sealed record Row(
        int Id,
        string Type,
        string Brand,
        string Marketplace,
        double? Price,
        double? Rating,
        string Condition,
        double Quality,
        Dictionary<string, string> Texts,
        Dictionary<string, double> Numbers);

    /// <summary>The WHERE clause of <see cref="CatalogQuery.ToCommand"/>, term by term.</summary>
    private sealed class Filter
    {
        private const double Epsilon = 1e-9;
        private readonly double? _min;
        private readonly double? _max;
        private readonly string[] _brands;
        private readonly string[] _excluded;
        private readonly string[] _marketplaces;
        private readonly double? _ratingMin;
        private readonly string? _condition;
        private readonly IReadOnlyList<AttributeCondition> _conditions;

        public Filter(CatalogQuery query)
        {
            var spec = query.Spec;
            _min = spec.Price?.Min is { } min ? (double)min : null;
            _max = spec.Price?.Max is { } max ? (double)max : null;
            _brands = Values(spec.BrandPreferences);
            _excluded = Values(spec.ExcludedBrands);
            _marketplaces = Values([.. spec.Marketplaces.Select(m => m.Trim().ToLowerInvariant())]);
            _ratingMin = spec.RatingMin is > 0 and var rating ? rating : null;
            _condition = CatalogQuery.NormalizeCondition(spec.Condition);
            _conditions = query.Conditions;
        }

        public bool Matches(Row row)
        {
            // A bound on price or rating excludes an unknown one, as NULL compares false in SQL.
            if ((_min is { } min && !(row.Price >= min)) || (_max is { } max && !(row.Price <= max)))
            {
                return false;
            }

            if ((_brands.Length > 0 && !ContainsNoCase(_brands, row.Brand)) || ContainsNoCase(_excluded, row.Brand))
            {
                return false;
            }

            if (_marketplaces.Length > 0 && Array.IndexOf(_marketplaces, row.Marketplace) < 0)
            {
                return false;
            }

            if ((_ratingMin is { } ratingMin && !(row.Rating >= ratingMin)) || (_condition is not null && row.Condition != _condition))
            {
                return false;
            }

            foreach (var condition in _conditions)
            {
                if (!Meets(row, condition))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Meets(Row row, AttributeCondition condition) => condition.Kind switch
        {
            ConditionKind.Numeric => row.Numbers.TryGetValue(condition.Key, out var number) && condition.Op switch
            {
                "gte" => number >= condition.Number - Epsilon,
                "lte" => number <= condition.Number + Epsilon,
                _ => Math.Abs(number - condition.Number) <= NumericTolerance.For(condition),
            },
            ConditionKind.TextEquals => row.Texts.TryGetValue(condition.Key, out var text) && text == condition.Text,
            _ => row.Texts.TryGetValue(condition.Key, out var text) && text.Contains(condition.Text, StringComparison.Ordinal),
        };

        /// <summary>The values an IN list binds: non-blank, trimmed.</summary>
        private static string[] Values(IReadOnlyList<string> values) =>
            [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim())];

        /// <summary>SQLite's NOCASE collation (the brand column's): ASCII letters fold, nothing else does.</summary>
        private static bool ContainsNoCase(string[] values, string brand)
        {
            foreach (var value in values)
            {
                if (value.Length == brand.Length && SameNoCase(value, brand))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameNoCase(string a, string b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                var x = a[i];
                var y = b[i];
                if (x != y && !(char.IsAsciiLetter(x) && char.IsAsciiLetter(y) && (x | 0x20) == (y | 0x20)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
