using ConnCheck.Generation;
using ConnCheck.Generation.Django;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Generation;

/// <summary>Reading settings modules through Python and Django: the data that comes back, and the errors.</summary>
public sealed class DjangoSettingsReaderTests
{
    [Fact]
    public async Task ReadSettings_ModuleThatPrints_SettingsAsPlainData()
    {
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("chatty_settings"));

        Assert.Equal("/srv/app", settings.GetString("BASE_DIR"));
        Assert.Equal(SettingsKind.Boolean, settings["DEBUG"]!.Kind);
        Assert.False(settings["DEBUG"]!.AsBoolean());
        Assert.Equal(["app.example", "www.app.example"], settings["ALLOWED_HOSTS"]!.Items.Select(i => i.AsString()));
        Assert.Equal(1, settings.GetInt32("SITE_ID"));
        Assert.Equal("0.5", settings.GetString("RATE"));
        Assert.Equal("Grüß Gott", settings.GetString("GREETING"));
        Assert.Equal(["a"], settings["FLAGS"]!.Items.Select(i => i.AsString()));
        Assert.Contains("Handler", settings.GetString("HANDLER"), StringComparison.Ordinal);
        Assert.False(settings.Contains("lowercase_is_not_a_setting"));

        // Django's own defaults come along, as 1.x's settings wrapper gave them.
        Assert.Equal("en-us", settings.GetString("LANGUAGE_CODE"));
    }

    [Fact]
    public async Task ReadSettings_TupleOfLocations_OneCheckEach()
    {
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("chatty_settings"));

        var checks = Generate.Checks(new DjangoGenerator(), settings);

        Assert.Equal(["memcache: host='m1', port=11211", "memcache: host='m2', port=11211"], checks);
    }

    [Fact]
    public async Task ReadSettings_ImportFails_PythonsErrorLineAndTraceback()
    {
        var error = await Assert.ThrowsAsync<SettingsException>(() => Generate.ReadDjangoAsync(Generate.DjangoOptions("broken_settings")));

        Assert.Equal("ModuleNotFoundError: No module named 'nosuchmodule_for_conncheck'", error.Message);
        Assert.StartsWith("Traceback (most recent call last):", error.Details, StringComparison.Ordinal);
        Assert.Contains("broken_settings.py", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSettings_SyntaxError_PythonsErrorLine()
    {
        var error = await Assert.ThrowsAsync<SettingsException>(() => Generate.ReadDjangoAsync(Generate.DjangoOptions("syntax_settings")));

        Assert.StartsWith("SyntaxError: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSettings_NoSuchModule_PythonsErrorLine()
    {
        var error = await Assert.ThrowsAsync<SettingsException>(() => Generate.ReadDjangoAsync(Generate.DjangoOptions("no_such_settings_module")));

        Assert.Equal("ModuleNotFoundError: No module named 'no_such_settings_module'", error.Message);
    }

    [Fact]
    public async Task ReadSettings_NoPython_SaysSo()
    {
        var options = Generate.DjangoOptions("chatty_settings") with { Python = "/nonexistent/python3" };

        var error = await Assert.ThrowsAsync<SettingsException>(() => Generate.ReadDjangoAsync(options));

        Assert.StartsWith("cannot run /nonexistent/python3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSettings_ModuleFromTheGivenEnvironment_Read()
    {
        var options = Generate.DjangoOptions("chatty_settings") with
        {
            SettingsModule = null,
            Environment = new Dictionary<string, string> { ["DJANGO_SETTINGS_MODULE"] = "chatty_settings" },
        };

        var settings = await Generate.ReadDjangoAsync(options);

        Assert.Equal("/srv/app", settings.GetString("BASE_DIR"));
    }

    [Fact]
    public async Task ReadSettings_PythonVariablesInTheEnvironment_Ignored()
    {
        // Each of these would run code of the directory's owner if Python read the variables.
        using var planted = new TempDirectory();
        var marker = Path.Combine(planted.Path, "ran");
        var plant = $"open({Python(marker)}, 'a').write(__name__ + '\\n')\n";
        Directory.CreateDirectory(Path.Combine(planted.Path, "django"));
        planted.Write("django/__init__.py", plant + "raise ImportError('the planted django')\n");
        planted.Write("sitecustomize.py", plant);
        planted.Write("usercustomize.py", plant);
        planted.Write("startup.py", plant);
        var options = Generate.DjangoOptions("chatty_settings") with
        {
            Environment = new Dictionary<string, string>
            {
                ["PYTHONPATH"] = planted.Path,
                ["PYTHONSTARTUP"] = Path.Combine(planted.Path, "startup.py"),
                ["PYTHONUSERBASE"] = planted.Path,
            },
        };

        var settings = await Generate.ReadDjangoAsync(options);

        Assert.Equal("/srv/app", settings.GetString("BASE_DIR"));
        Assert.False(File.Exists(marker), File.Exists(marker) ? File.ReadAllText(marker) : null);
    }

    [Fact]
    public async Task ReadSettings_ModuleOnlyOnThePythonPathVariable_NotFoundWithHowToGiveIt()
    {
        using var empty = new TempDirectory();
        var options = Generate.DjangoOptions("chatty_settings", pythonPath: empty.Path) with
        {
            Environment = new Dictionary<string, string> { ["PYTHONPATH"] = Generate.TestDataDirectory },
        };

        var error = await Assert.ThrowsAsync<SettingsException>(() => Generate.ReadDjangoAsync(options));

        Assert.Equal("ModuleNotFoundError: No module named 'chatty_settings' (PYTHONPATH is not read: give its directories with --pythonpath)", error.Message);
    }

    [Fact]
    public void ImportDirectories_Given_ThoseAloneMadeAbsolute()
    {
        var options = new GeneratorOptions { PythonPath = ["/srv/app", "lib"] };

        Assert.Equal(["/srv/app", Path.Combine(Directory.GetCurrentDirectory(), "lib")], DjangoSettingsReader.ImportDirectories(options));
    }

    [Fact]
    public void ImportDirectories_NoneGiven_TheWorkingDirectory() =>
        Assert.Equal([Directory.GetCurrentDirectory()], DjangoSettingsReader.ImportDirectories(new GeneratorOptions()));

    private static string Python(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
