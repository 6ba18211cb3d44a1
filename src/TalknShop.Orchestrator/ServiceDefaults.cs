using System.Text.Json;
using Microsoft.Extensions.Logging.Console;

namespace TalknShop.Orchestrator;

/// <summary>Host-wide setup: listening port, logging, JSON, ProblemDetails, service options.</summary>
internal static class ServiceDefaults
{
    public const int DefaultPort = 8000;

    /// <summary>Loads a <c>.env</c> file from the working directory without overriding real environment variables.</summary>
    public static void LoadDotEnv()
    {
        var path = Path.Combine(Directory.GetCurrentDirectory(), ".env");
        if (File.Exists(path))
        {
            DotNetEnv.Env.NoClobber().Load(path);
        }
    }

    public static IHostApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // ASPNETCORE_URLS and --urls land in "urls"; otherwise PORT, otherwise 8000 (the original's port).
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var port = int.TryParse(builder.Configuration["PORT"], out var p) && p is > 0 and < 65536 ? p : DefaultPort;
            builder.WebHost.UseUrls($"http://*:{port}");
        }

        builder.AddSettings<ServiceOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        ConfigureLogging(builder);
        return builder;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        // ENVIRONMENT is the hosting environment itself (configuration keys ignore case, and
        // ASPNETCORE_ENVIRONMENT lands on the same key), so IsProduction covers both spellings.
        builder.Logging.ClearProviders();
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        // The hosting request log writes full URLs, and a browser's access_token travels in the
        // query string: keep that category quiet whatever LOG_LEVEL says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        // The seed's LOG_LEVEL (DEBUG, INFO, WARNING, ERROR, CRITICAL) maps onto the standard
        // Logging:LogLevel keys, added last so it overrides appsettings.json; framework categories
        // stay at Warning or above unless LOG_LEVEL asks for less.
        if (builder.Configuration["LOG_LEVEL"] is { Length: > 0 } text)
        {
            var level = text.ToUpperInvariant() switch
            {
                "TRACE" => LogLevel.Trace,
                "DEBUG" => LogLevel.Debug,
                "INFO" or "INFORMATION" => LogLevel.Information,
                "WARN" or "WARNING" => LogLevel.Warning,
                "ERROR" => LogLevel.Error,
                "CRITICAL" or "FATAL" => LogLevel.Critical,
                _ => throw new InvalidOperationException($"LOG_LEVEL '{text}' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL."),
            };
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = level.ToString(),
                ["Logging:LogLevel:Microsoft"] = (level > LogLevel.Warning ? level : LogLevel.Warning).ToString(),
            });
        }
    }
}
