using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// examples/settings-to-conn-check.cs, the tutorial's extended generator as a .NET file-based app,
/// run as users run it: <c>dotnet run settings-to-conn-check.cs -- -m hwaas.settings -f out.yaml</c>.
/// The first run builds it (tens of seconds), hence one test.
/// </summary>
public sealed class ExampleAppTests : IDisposable
{
    private const string Expected = """
        - type: postgresql
          database: hwaas_production
          host: gibson.hwaas.internal
          port: 5432
          username: hwaas
          password: 123456asdf

        - type: memcached
          host: freeside.hwaas.internal
          port: 11211

        - type: udp
          host: bigend.hwaas.internal
          port: 10021
          send: conncheck.test:1|c
          expect: ''

        - type: http
          url: https://www.googleapis.com/language/translate/v2?q=Hello%20World&target=de&source=en&key=BLAH
          proxy_host: countzero.hwaas.internal
          proxy_port: 8080
          expected_code: 200
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_SettingsToConnCheckExample_TheTutorialsChecksWithTheProxiedTranslateCheck()
    {
        var output = Path.Combine(_directory.Path, "out.yaml");

        var run = await ConnCheckBinary.RunProcessAsync(
            "dotnet",
            ["run", "settings-to-conn-check.cs", "--", "-m", "hwaas.settings", "-f", output, "--python", TestPython.Path],
            Generate.ExamplesDirectory,
            killAfter: TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(YamlData.Checks(Expected), YamlData.Checks(await File.ReadAllTextAsync(output)));
    }
}
