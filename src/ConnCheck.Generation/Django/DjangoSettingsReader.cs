using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.Django;

/// <summary>
/// Reads a Django settings module by running Python with Django, as the application's deployment has
/// them, and the helper script embedded in this assembly, which prints the settings as JSON.
/// </summary>
internal static class DjangoSettingsReader
{
    private const string ScriptResource = "ConnCheck.Generation.django_settings.py";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(DjangoSettingsReader).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"the resource {ScriptResource} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static async Task<SettingsView> ReadAsync(GeneratorOptions options, CancellationToken cancellationToken)
    {
        var python = ProgramPath.Find(options.Python, Environment.GetEnvironmentVariable("PATH"))
            ?? throw new SettingsException($"cannot run {options.Python}: not found in PATH (the working directory is not searched; name the interpreter with --python)");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (options.Environment is { } environment)
        {
            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        // -I (isolated): PYTHON* variables such as PYTHONPATH and PYTHONSTARTUP, the user's site-packages and
        // the working directory stay off the import path, so only the directories given are added to it.
        // -B: no bytecode files left in the application's tree.
        foreach (var argument in (string[])["-I", "-B", "-c", Script.Value, options.SettingsModule ?? "", .. ImportDirectories(options)])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new SettingsException($"cannot run {python}: {e.Message}", innerException: e);
        }

        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return Parse(await output, await errors, options.Python);
        }
        catch (SettingsException e) when (e.Message.StartsWith("ModuleNotFoundError", StringComparison.Ordinal) && PythonPathVariable(options) is { Length: > 0 })
        {
            throw new SettingsException($"{e.Message} (PYTHONPATH is not read: give its directories with --pythonpath)", e.Details, e);
        }
        catch (OperationCanceledException)
        {
            // A settings module that hangs (one that connects somewhere on import) must not outlive us.
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>The directories put first on the import path: those given, else the working directory, where 1.x users run it from.</summary>
    internal static IEnumerable<string> ImportDirectories(GeneratorOptions options) =>
        options.PythonPath.Count > 0 ? options.PythonPath.Select(Path.GetFullPath) : [Directory.GetCurrentDirectory()];

    private static string? PythonPathVariable(GeneratorOptions options) =>
        options.Environment is { } environment ? environment.GetValueOrDefault("PYTHONPATH") : Environment.GetEnvironmentVariable("PYTHONPATH");

    /// <summary>The helper's answer: settings, Python's error, or, if Python failed before the helper could answer, its last line on stderr.</summary>
    internal static SettingsView Parse(string output, string errors, string python)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            var last = errors.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            throw new SettingsException(last ?? $"{python} printed no settings", errors.Length > 0 ? errors : null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object)
            {
                // Names of Django's global settings that the module left alone (absent from older helpers' answers).
                var defaults = root.TryGetProperty("defaults", out var names) && names.ValueKind == JsonValueKind.Array
                    ? names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToList()
                    : [];
                return SettingsView.FromJson(settings).WithDefaults(defaults);
            }

            var message = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()!
                : $"{python} printed no settings";
            if (message.StartsWith("ModuleNotFoundError: No module named 'django'", StringComparison.Ordinal))
            {
                message += $" ({python} has no Django: install it, or name the interpreter that has with --python)";
            }

            var traceback = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("traceback", out var trace) && trace.ValueKind == JsonValueKind.String
                ? trace.GetString()
                : null;
            throw new SettingsException(message, traceback);
        }
    }
}
