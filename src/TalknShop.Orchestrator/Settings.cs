using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace TalknShop.Orchestrator;

/// <summary>
/// Binds an options class from the configuration root and validates it at start, reporting each
/// problem by its setting name (<c>WS_MAX_CONCURRENT_CONNECTIONS</c>), not the C# property name,
/// because the setting name is what an operator typed. The stock DataAnnotations validator only
/// knows property names, hence this small adapter.
/// </summary>
internal static class Settings
{
    public static OptionsBuilder<T> AddSettings<T>(this IHostApplicationBuilder builder) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>, SettingNameValidator<T>>();
        return builder.Services.AddOptions<T>().Bind(builder.Configuration).ValidateOnStart();
    }

    private sealed class SettingNameValidator<T> : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = new List<string>();
            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var setting = property.GetCustomAttribute<Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
                var value = property.GetValue(options);
                var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = setting };
                var results = new List<ValidationResult>();
                if (!Validator.TryValidateProperty(value, context, results))
                {
                    failures.AddRange(results.Select(r => $"{setting}={value}: {r.ErrorMessage}"));
                }
            }

            if (options is IValidatableObject validatable)
            {
                failures.AddRange(validatable.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage ?? "invalid"));
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
