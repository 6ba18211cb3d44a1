using Microsoft.Extensions.Diagnostics.HealthChecks;
using TalknShop.Orchestrator.Catalog.Storage;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// Healthy once the catalog is loaded and answers a query; degraded while it is still loading;
/// unhealthy when loading failed or the database does not answer.
/// </summary>
internal sealed class CatalogHealthCheck(CatalogStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.LoadFailed)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The catalog failed to load."));
        }

        if (!store.IsLoaded)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The catalog is still loading."));
        }

        try
        {
            var catalog = store.Catalog;
            using var connection = catalog.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM products";
            var rows = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            var data = new Dictionary<string, object>
            {
                ["products"] = rows,
                ["load_ms"] = Math.Round(catalog.LoadTime.TotalMilliseconds),
            };
            return Task.FromResult(rows > 0
                ? HealthCheckResult.Healthy($"{rows} products loaded.", data)
                : HealthCheckResult.Unhealthy("The catalog is empty.", data: data));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // No exception text in the health payload: it is served over HTTP.
            return Task.FromResult(HealthCheckResult.Unhealthy("The catalog database did not answer."));
        }
    }
}
