using ConnCheck.Configuration;
using ConnCheck.Generation;
using ConnCheck.Generation.Internal;
using ConnCheck.Services;

namespace ConnCheck.Tests.Generation;

/// <summary><c>EMAIL_*</c>: an smtp check of the mail server of Django's SMTP backend that sends nothing.</summary>
public sealed class DjangoEmailTests
{
    private const string Backend = "django.core.mail.backends.smtp.EmailBackend";

    [Fact]
    public void Generate_HostUserAndPassword_SmtpCheckThatSendsNothing()
    {
        var checks = Generate.Django("""
            {"EMAIL_HOST": "smtp.internal", "EMAIL_PORT": 587, "EMAIL_HOST_USER": "app", "EMAIL_HOST_PASSWORD": "pw-1", "EMAIL_USE_TLS": true}
            """);

        Assert.Equal(["smtp: host='smtp.internal', password='pw-1', port=587, send=false, starttls=true, use_tls=false, username='app', verify_tls=true"], checks);
    }

    [Fact]
    public void Generate_UseSsl_ImplicitTls()
    {
        var checks = Generate.Django("""
            {"EMAIL_HOST": "smtp.internal", "EMAIL_PORT": "465", "EMAIL_HOST_USER": "app", "EMAIL_HOST_PASSWORD": "pw-1", "EMAIL_USE_SSL": 1}
            """);

        Assert.Equal(["smtp: host='smtp.internal', password='pw-1', port=465, send=false, use_tls=true, username='app', verify_tls=true"], checks);
    }

    [Fact]
    public void Generate_NoPortNoTls_Port25InTheClear()
    {
        var checks = Generate.Django("""
            {"EMAIL_HOST": "[::1]", "EMAIL_HOST_USER": "app", "EMAIL_HOST_PASSWORD": "", "EMAIL_USE_TLS": false, "EMAIL_USE_SSL": false}
            """);

        Assert.Equal(["smtp: host='::1', password='', port=25, send=false, use_tls=false, username='app'"], checks);
    }

    [Fact]
    public void Generate_SecretsAsEnvironment_PasswordNamedAsDjangosSetting()
    {
        var checks = Generate.Django(
            """{"EMAIL_HOST": "smtp.internal", "EMAIL_HOST_USER": "app", "EMAIL_HOST_PASSWORD": "pw-1"}""",
            new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.Equal(["smtp: host='smtp.internal', password='${EMAIL_HOST_PASSWORD}', port=25, send=false, use_tls=false, username='app'"], checks);
    }

    [Theory]
    [InlineData(false, "tcp")]
    [InlineData(true, "tls")]
    public void Generate_NoUser_ConnectionCheckAndANote(bool ssl, string type)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$"""{"EMAIL_HOST": "relay.internal", "EMAIL_PORT": 2525, "EMAIL_HOST_USER": "", "EMAIL_USE_SSL": {{(ssl ? "true" : "false")}}}""");

        Assert.Equal([$"{type}: host='relay.internal', port=2525"], checks);
        Assert.Equal($"EMAIL_HOST: no EMAIL_HOST_USER, so Django sends without logging in, which the smtp check cannot; a {type} check instead", Assert.Single(notes));
    }

    [Fact]
    public void Generate_OnlyTheBackendSet_DjangosDefaultHostAndPort()
    {
        var checks = Generate.Django($$"""{"EMAIL_BACKEND": "{{Backend}}", "EMAIL_HOST_USER": "app", "EMAIL_HOST_PASSWORD": "pw-1"}""");

        Assert.Equal(["smtp: host='localhost', password='pw-1', port=25, send=false, use_tls=false, username='app'"], checks);
    }

    [Theory]
    [InlineData("django.core.mail.backends.console.EmailBackend")]
    [InlineData("django.core.mail.backends.locmem.EmailBackend")]
    public void Generate_LocalBackend_NoCheckNoNote(string backend)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$"""{"EMAIL_BACKEND": "{{backend}}", "EMAIL_HOST": "smtp.internal", "EMAIL_HOST_USER": "app"}""");

        Assert.Empty(checks);
        Assert.Empty(notes);
    }

    [Fact]
    public void Generate_OtherBackendWithAHost_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"EMAIL_BACKEND": "anymail.backends.mailgun.EmailBackend", "EMAIL_HOST": "smtp.internal"}""");

        Assert.Empty(checks);
        Assert.Equal("EMAIL_BACKEND: conn-check does not know anymail.backends.mailgun.EmailBackend (it checks Django's SMTP backend); no check of EMAIL_HOST", Assert.Single(notes));
    }

    [Theory]
    [InlineData("""{"EMAIL_HOST": "smtp.internal", "EMAIL_HOST_USER": "app", "EMAIL_USE_TLS": true, "EMAIL_USE_SSL": true}""", "EMAIL_USE_TLS and EMAIL_USE_SSL: Django refuses both at once; no check")]
    [InlineData("""{"EMAIL_HOST": "smtp.internal", "EMAIL_PORT": "smtp", "EMAIL_HOST_USER": "app"}""", "EMAIL_PORT: \"smtp\" is not a port number; no check")]
    [InlineData("""{"EMAIL_HOST": "", "EMAIL_HOST_USER": "app"}""", "EMAIL_HOST: empty; no check")]
    [InlineData("""{"EMAIL_HOST": "smtp.internal:587", "EMAIL_HOST_USER": "app"}""", "EMAIL_HOST: 'smtp.internal:587' is not a host name or address; no check")]
    public void Generate_SettingsDjangoWouldNotUse_NoCheckAndANote(string json, string note)
    {
        var (checks, notes) = Generate.DjangoWithNotes(json);

        Assert.Empty(checks);
        Assert.Equal(note, Assert.Single(notes));
    }

    [Theory]
    [InlineData("\"EMAIL_USE_TLS\": true", "tcp:smtp.internal:587,smtp:smtp.internal:587")]
    [InlineData("\"EMAIL_USE_SSL\": true", "tcp:smtp.internal:587,tls:smtp.internal:587,smtp:smtp.internal:587")]
    [InlineData("\"EMAIL_USE_TLS\": false", "tcp:smtp.internal:587,smtp:smtp.internal:587")]
    public void Generate_SmtpCheck_LoadsWithoutWarnings(string tls, string names)
    {
        var settings = SettingsView.FromJson($$"""{"EMAIL_HOST": "smtp.internal", "EMAIL_PORT": 587, "EMAIL_HOST_USER": "app", "EMAIL_HOST_PASSWORD": "pw-1", {{tls}}}""");
        var yaml = CheckYamlWriter.Write(new DjangoGenerator().Generate(settings, new GeneratorOptions(), []), secretsAsEnvironment: false).Text;

        var loaded = ConfigurationLoader.Load(yaml, "generated.yaml", types: ServiceCheckTypes.Table);

        Assert.Equal(names.Split(','), loaded.Checks.SelectMany(c => c.Plan()).Select(s => s.Name));
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Generate_NoEmailSettings_NoCheck()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"EMAIL_HOST_USER": "app", "EMAIL_USE_TLS": true}""");

        Assert.Empty(checks);
        Assert.Empty(notes);
    }

    [Fact]
    public async Task ReadSettings_ModuleWithoutEmailSettings_DjangosDefaultsMakeNoCheck()
    {
        // Django itself gives EMAIL_HOST 'localhost' and EMAIL_PORT 25 to every project.
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("chatty_settings"));

        Assert.Equal("localhost", settings.GetString("EMAIL_HOST"));
        Assert.True(settings.IsDefault("EMAIL_HOST"));
        Assert.False(settings.IsDefault("CACHES"));
        Assert.DoesNotContain(Generate.Checks(new DjangoGenerator(), settings), c => c.StartsWith("smtp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadSettings_ModuleWithEmailSettings_SmtpCheckWithDjangosDefaultPort()
    {
        var settings = await Generate.ReadDjangoAsync(Generate.DjangoOptions("mail_settings"));

        var checks = Generate.Checks(new DjangoGenerator(), settings, new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.False(settings.IsDefault("EMAIL_HOST"));
        Assert.True(settings.IsDefault("EMAIL_PORT"));
        Assert.Equal(["smtp: host='smtp.mail.internal', password='${EMAIL_HOST_PASSWORD}', port=25, send=false, starttls=true, use_tls=false, username='noreply@app.example', verify_tls=true"], checks);
    }
}
