using ConnCheck.Tests.Generation;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// The published binary's <c>configs</c>, then the same binary reading what it wrote: every setting
/// that made no check is a line on standard error, and the file passes <c>--validate</c>.
/// </summary>
public sealed class ConfigsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Configs_EShopAppSettings_NotesOnStderrAndAFileThatValidates()
    {
        var generated = await ConnCheckBinary.RunAsync(_directory.Path, ["configs", "dotnet", "--appsettings", ConfigsNotesTests.EShopAppSettings, "-f", "conn-check.yaml"]);

        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.Equal("", generated.Stdout);
        Assert.Equal(ConfigsNotesTests.EShopNotes, generated.StderrLines);
        Assert.All(ConfigsNotesTests.EShopUncheckedPasswords, password => Assert.DoesNotContain(password, generated.Stderr, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ConfigsNotesTests.EShopChecks, YamlData.Checks(await File.ReadAllTextAsync(System.IO.Path.Combine(_directory.Path, "conn-check.yaml"))));

        var validated = await ConnCheckBinary.RunAsync(_directory.Path, ["conn-check.yaml", "--validate"]);

        Assert.True((validated.ExitCode, validated.Stdout, validated.Stderr) == (0, "", ""), validated.ToString());
    }

    [Fact]
    public async Task Configs_DjangoOopsHostWithItsPort_HostAndPortApart()
    {
        _directory.Write("oops_settings.py", "OOPS = {'publishers': [{'type': 'amqp', 'host': 'name:5673', 'user': 'oops', 'password': 'op', 'vhost': '/'}]}\n");

        var generated = await ConnCheckBinary.RunAsync(_directory.Path, ["configs", "django", "-m", "oops_settings", "--python", TestPython.Path, "-f", "conn-check.yaml"]);

        Assert.True((generated.ExitCode, generated.Stderr) == (0, ""), generated.ToString());
        var yaml = await File.ReadAllTextAsync(System.IO.Path.Combine(_directory.Path, "conn-check.yaml"));
        Assert.Contains("  host: name\n  port: 5673\n", yaml, StringComparison.Ordinal);

        var validated = await ConnCheckBinary.RunAsync(_directory.Path, ["conn-check.yaml", "--validate"]);

        Assert.True((validated.ExitCode, validated.Stderr) == (0, ""), validated.ToString());
    }

    [Fact]
    public async Task Configs_DjangoEmailSettings_SmtpCheckWithThePasswordFromTheEnvironmentThatValidates()
    {
        _directory.Write("mail_settings.py", "EMAIL_HOST = 'smtp.mail.internal'\nEMAIL_PORT = 587\nEMAIL_HOST_USER = 'app'\nEMAIL_HOST_PASSWORD = 'mail-pw-93c1'\nEMAIL_USE_TLS = True\n");

        var generated = await ConnCheckBinary.RunAsync(_directory.Path, ["configs", "django", "-m", "mail_settings", "--python", TestPython.Path, "--secrets-as-env", "-f", "conn-check.yaml"]);

        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.Equal(["conn-check configs django: conn-check needs these environment variables set to run this file: EMAIL_HOST_PASSWORD"], generated.StderrLines);
        var yaml = await File.ReadAllTextAsync(System.IO.Path.Combine(_directory.Path, "conn-check.yaml"));
        Assert.Equal(
            ["smtp: host='smtp.mail.internal', password='${EMAIL_HOST_PASSWORD}', port=587, send=false, starttls=true, use_tls=false, username='app', verify_tls=true"],
            YamlData.Checks(yaml));
        Assert.DoesNotContain("mail-pw-93c1", yaml, StringComparison.Ordinal);

        var validated = await ConnCheckBinary.RunAsync(_directory.Path, ["conn-check.yaml", "--validate"], new Dictionary<string, string> { ["EMAIL_HOST_PASSWORD"] = "mail-pw-93c1" });

        Assert.True((validated.ExitCode, validated.Stdout, validated.Stderr) == (0, "", ""), validated.ToString());
    }

    [Fact]
    public async Task Configs_DjangoWithoutEmailSettings_NoMailCheck()
    {
        _directory.Write("quiet_settings.py", "STATSD_HOST = 'statsd.internal'\n");

        var generated = await ConnCheckBinary.RunAsync(_directory.Path, ["configs", "django", "-m", "quiet_settings", "--python", TestPython.Path, "-f", "conn-check.yaml"]);

        Assert.True((generated.ExitCode, generated.Stderr) == (0, ""), generated.ToString());
        Assert.Equal(["udp: expect='', host='statsd.internal', port=8125, send='conncheck.test:1|c'"], YamlData.Checks(await File.ReadAllTextAsync(System.IO.Path.Combine(_directory.Path, "conn-check.yaml"))));
    }
}
