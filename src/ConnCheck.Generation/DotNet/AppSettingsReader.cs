using System.Collections;
using Microsoft.Extensions.Configuration;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// A .NET application's configuration, layered as its host layers it: <c>appsettings.json</c>,
/// <c>appsettings.{Environment}.json</c>, then environment variables (<c>__</c> for <c>:</c>, and
/// Azure's <c>*CONNSTR_</c> prefixes for connection strings).
/// </summary>
internal static class AppSettingsReader
{
    private const string DefaultFile = "appsettings.json";

    // EnvironmentVariablesConfigurationProvider's prefixes, each with the provider name it records.
    private static readonly (string Prefix, string? Provider)[] ConnectionStringPrefixes =
    [
        ("MYSQLCONNSTR_", "MySql.Data.MySqlClient"),
        ("SQLAZURECONNSTR_", "System.Data.SqlClient"),
        ("SQLCONNSTR_", "System.Data.SqlClient"),
        ("POSTGRESQLCONNSTR_", "Npgsql"),
        ("CUSTOMCONNSTR_", null),
    ];

    public static SettingsView Read(GeneratorOptions options)
    {
        var environment = options.Environment ?? ProcessEnvironment();
        var environmentName = options.EnvironmentName
            ?? environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")
            ?? environment.GetValueOrDefault("DOTNET_ENVIRONMENT")
            ?? "Production";
        var explicitFiles = options.AppSettingsFiles.Count > 0;
        var files = (explicitFiles ? options.AppSettingsFiles : [DefaultFile]).Select(Path.GetFullPath).ToList();

        var builder = new ConfigurationBuilder();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                if (explicitFiles)
                {
                    throw new SettingsException($"cannot read {file}: no such file");
                }

                continue;
            }

            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
            var layer = Path.Combine(Path.GetDirectoryName(file)!, $"{Path.GetFileNameWithoutExtension(file)}.{environmentName}.json");
            if (!files.Contains(layer) && File.Exists(layer))
            {
                builder.AddJsonFile(layer, optional: false, reloadOnChange: false);
            }
        }

        builder.AddInMemoryCollection(FromEnvironment(environment));
        try
        {
            return SettingsView.FromConfiguration(builder.Build());
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            // The JSON provider's message names the file; the parser's, inside it, says what is wrong where.
            var reason = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            throw new SettingsException(reason, e.ToString(), e);
        }
    }

    /// <summary>Environment variables as configuration keys, as the environment-variables provider (without prefix) reads them.</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
        {
            var matched = ConnectionStringPrefixes.FirstOrDefault(p => name.StartsWith(p.Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > p.Prefix.Length);
            if (matched.Prefix is null)
            {
                yield return new(Normalize(name), value);
                continue;
            }

            var key = Normalize(name[matched.Prefix.Length..]);
            yield return new($"ConnectionStrings:{key}", value);
            if (matched.Provider is { } provider)
            {
                yield return new($"ConnectionStrings:{key}_ProviderName", provider);
            }
        }
    }

    private static string Normalize(string name) => name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }
}
