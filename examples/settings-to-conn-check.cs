#!/usr/bin/env -S dotnet run
// The manual's tutorial, part 2, in C#: conn-check checks from the HWaaS Django settings, plus the
// proxied Google Translate API check that the settings imply but no built-in check maker knows.
//
//   cd examples && dotnet run settings-to-conn-check.cs -- -m hwaas.settings -f out.yaml
//   cd examples && ./settings-to-conn-check.cs -m hwaas.settings -f out.yaml
//
// It takes the options of `conn-check configs django` (-m, -f, -d, --statsd_send, --secrets-as-env, ...).
#:project ../src/ConnCheck.Generation/ConnCheck.Generation.csproj

using ConnCheck.Generation;

var django = new DjangoGenerator();
django.ExtraCheckMakers.Add(MakeProxiedTranslateCheck);

// A statsd that answers a health probe (txStatsD, say) is checked for real with:
//   django.StatsdCheck.Send = "Hakuna";
//   django.StatsdCheck.Expect = "Matata";
return await ConfigsProgram.RunAsync(args, django);

// settings: the settings module as data; options: the command line.
static IEnumerable<GeneratedCheck> MakeProxiedTranslateCheck(SettingsView settings, GeneratorOptions options)
{
    if (settings.GetString("PROXY_HOST") is not { Length: > 0 } proxyHost)
    {
        yield break;
    }

    yield return new GeneratedCheck("http")
    {
        { "url", $"https://www.googleapis.com/language/translate/v2?q=Hello%20World&target=de&source=en&key={settings.GetString("TRANSLATE_API_KEY")}" },
        { "proxy_host", proxyHost },
        { "proxy_port", settings.GetInt32("PROXY_PORT") ?? 8080 },
        { "expected_code", 200 },
    };
}
