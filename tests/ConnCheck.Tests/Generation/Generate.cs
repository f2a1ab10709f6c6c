using ConnCheck.Generation;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Tests.Generation;

/// <summary>Generation without the command line: settings in, checks (as <see cref="YamlData"/> lines) and notes out.</summary>
internal static class Generate
{
    public static string TestDataDirectory => Path.Combine(AppContext.BaseDirectory, "testdata", "django");

    public static string ExamplesDirectory => Path.Combine(EndToEnd.ConnCheckBinary.RepoRoot, "examples");

    /// <summary>The checks for <paramref name="settings"/> as data, written and read back as the command would.</summary>
    public static IReadOnlyList<string> Checks(SettingsGenerator generator, SettingsView settings, GeneratorOptions? options = null) =>
        Checks(generator, settings, options, []);

    public static IReadOnlyList<string> Checks(SettingsGenerator generator, SettingsView settings, GeneratorOptions? options, List<string> notes)
    {
        options ??= new GeneratorOptions();
        var checks = generator.Generate(settings, options, notes);
        return YamlData.Checks(CheckYamlWriter.Write(checks, options.SecretsAsEnvironment).Text);
    }

    /// <summary>Django checks for settings given as JSON, as the Python helper prints them.</summary>
    public static IReadOnlyList<string> Django(string json, GeneratorOptions? options = null) =>
        Checks(new DjangoGenerator(), SettingsView.FromJson(json), options);

    /// <summary>Django checks and notes for settings given as JSON.</summary>
    public static (IReadOnlyList<string> Checks, List<string> Notes) DjangoWithNotes(string json, GeneratorOptions? options = null)
    {
        var notes = new List<string>();
        return (Checks(new DjangoGenerator(), SettingsView.FromJson(json), options, notes), notes);
    }

    /// <summary>Options that read a module from testdata/django (or <paramref name="pythonPath"/>) with the test Python.</summary>
    public static GeneratorOptions DjangoOptions(string module, string? pythonPath = null) => new()
    {
        SettingsModule = module,
        PythonPath = [pythonPath ?? TestDataDirectory],
        Python = TestPython.Path,
    };

    /// <summary>Reads a settings module through Python and Django.</summary>
    public static async Task<SettingsView> ReadDjangoAsync(GeneratorOptions options)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await new DjangoGenerator().ReadSettingsAsync(options, bound.Token);
    }
}
