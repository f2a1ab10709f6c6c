using ConnCheck.Generation;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// The manual's tutorial, part 2: the HWaaS settings module (examples/hwaas/settings.py, read through
/// Python and Django) gives exactly the checks the manual shows, compared as data.
/// </summary>
public sealed class DjangoTutorialTests
{
    // 3.3's generated checks, and 3.5's statsd check.
    private const string TutorialChecks = """
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
          expect:
        """;

    // 3.4's customised check.
    private const string TranslateCheck = """
        - type: http
          url: https://www.googleapis.com/language/translate/v2?q=Hello%20World&target=de&source=en&key=BLAH
          proxy_host: countzero.hwaas.internal
          proxy_port: 8080
          expected_code: 200
        """;

    // 3.5's txStatsD health check.
    private const string HakunaMatataCheck = """
        - type: udp
          host: bigend.hwaas.internal
          port: 10021
          send: Hakuna
          expect: Matata
        """;

    [Fact]
    public async Task Generate_HwaasSettings_TheTutorialsChecks()
    {
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("hwaas.settings", Generate.ExamplesDirectory));

        var checks = Generate.Checks(new DjangoGenerator(), settings);

        // The manual writes "expect:" (null) where 1.x meant the empty string; conn-check reads both as empty.
        Assert.Equal(YamlData.Checks(TutorialChecks).Select(c => c.Replace("expect=null", "expect=''")), checks);
    }

    [Fact]
    public async Task Generate_TutorialsExtraCheckMaker_AddsTheProxiedTranslateCheck()
    {
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("hwaas.settings", Generate.ExamplesDirectory));
        var django = new DjangoGenerator();
        django.ExtraCheckMakers.Add(MakeProxiedTranslateCheck);

        var checks = Generate.Checks(django, settings);

        Assert.Equal(YamlData.Checks(TranslateCheck).Single(), checks[^1]);
        Assert.Equal(4, checks.Count);
    }

    [Fact]
    public async Task Generate_StatsdCheckChanged_SendsAndExpectsThat()
    {
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("hwaas.settings", Generate.ExamplesDirectory));
        var django = new DjangoGenerator();
        django.StatsdCheck.Send = "Hakuna";
        django.StatsdCheck.Expect = "Matata";

        var checks = Generate.Checks(django, settings);

        Assert.Equal(YamlData.Checks(HakunaMatataCheck).Single(), checks.Single(c => c.StartsWith("udp:", StringComparison.Ordinal)));
    }

    // The tutorial's make_proxied_translate_check, in C#.
    private static IEnumerable<GeneratedCheck> MakeProxiedTranslateCheck(SettingsView settings, GeneratorOptions options)
    {
        if (settings.GetString("PROXY_HOST") is not { Length: > 0 } proxyHost)
        {
            return [];
        }

        return
        [
            new GeneratedCheck("http")
            {
                { "url", $"https://www.googleapis.com/language/translate/v2?q=Hello%20World&target=de&source=en&key={settings.GetString("TRANSLATE_API_KEY")}" },
                { "proxy_host", proxyHost },
                { "proxy_port", settings.GetInt32("PROXY_PORT") ?? 8080 },
                { "expected_code", 200 },
            },
        ];
    }
}
