using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.Services.Smtp;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Smtp;

public sealed class SmtpConfigurationTests
{
    private const string Complete = """
        - type: smtp
          host: mail.example
          port: 465
          username: mailer
          password: s3cret-pw
          from_address: app@example.test
          to_address: ops@example.test
        """;

    [Theory]
    [InlineData("host")]
    [InlineData("port")]
    [InlineData("username")]
    [InlineData("password")]
    [InlineData("from_address")]
    [InlineData("to_address")]
    public void Load_RequiredOptionMissing_ErrorNamesIt(string option)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Without(Complete, option)));

        Assert.Equal($"test.yaml:1:3: smtp check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("from_address")]
    [InlineData("to_address")]
    public void Load_AddressMissingWithSendTrue_ErrorNamesIt(string option)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Without(Complete, option) + "\n  send: true"));

        Assert.Equal($"test.yaml:1:3: smtp check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_AddressesMissingWithSendFalse_Accepted()
    {
        var check = Assert.IsType<SmtpCheck>(Assert.Single(Load(Without(Without(Complete, "from_address"), "to_address") + "\n  send: false").Checks));

        Assert.False(check.Session.Send);
        Assert.Null(check.Session.From);
        Assert.Null(check.Session.To);
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public void Load_CredentialMissingWithSendFalse_StillRequired(string option)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Without(Complete, option) + "\n  send: false"));

        Assert.Equal($"test.yaml:1:3: smtp check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_Complete_DefaultsOf1x()
    {
        var check = Assert.IsType<SmtpCheck>(Assert.Single(Load(Complete).Checks));

        Assert.Equal("mail.example", check.Host);
        Assert.Equal(465, check.Port);
        var session = check.Session;
        Assert.Equal(("mailer", "s3cret-pw", "app@example.test", "ops@example.test"), (session.Username, session.Password.Reveal(), session.From?.Address, session.To?.Address));
        Assert.Equal(("", ""), (session.Subject, session.Message));
        Assert.Equal((false, true, false, true), (session.HeloFallback, session.UseTls, session.StartTls, session.Send));
    }

    [Fact]
    public void Load_AllOptions_Read()
    {
        var yaml = Complete + """

              subject: Hello
              message: Body text
              helo_fallback: yes
              use_tls: false
              send: "false"
            """;

        var session = Assert.IsType<SmtpCheck>(Assert.Single(Load(yaml).Checks)).Session;

        Assert.Equal(("Hello", "Body text"), (session.Subject, session.Message));
        Assert.Equal((true, false, false, false), (session.HeloFallback, session.UseTls, session.StartTls, session.Send));
    }

    [Fact]
    public void Load_StartTlsAlone_TurnsImplicitTlsOff()
    {
        var session = Assert.IsType<SmtpCheck>(Assert.Single(Load(Complete + "\n  starttls: true").Checks)).Session;

        Assert.Equal((false, true), (session.UseTls, session.StartTls));
    }

    [Fact]
    public void Load_StartTlsWithUseTlsTrue_ErrorAtStartTls()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Complete + "\n  use_tls: true\n  starttls: true"));

        Assert.Equal(
            "test.yaml:9:13: starttls: true needs use_tls: false (use_tls is TLS from the first byte, as on port 465; starttls upgrades a plain connection)",
            Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_AddressNotAnAddress_ErrorAtTheValue()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Complete.Replace("ops@example.test", "'<<not an address'", StringComparison.Ordinal)));

        Assert.Equal("test.yaml:7:15: to_address must be an email address, not '<<not an address'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_AddressWithDisplayName_TheAddressIsUsed()
    {
        var check = Assert.IsType<SmtpCheck>(Assert.Single(Load(Complete.Replace("ops@example.test", "'Ops <ops@example.test>'", StringComparison.Ordinal)).Checks));

        Assert.Equal("ops@example.test", check.Session.To?.Address);
    }

    [Fact]
    public void Load_Password_IsASecretAndNotInTheRecordsText()
    {
        var loaded = Load(Complete);

        Assert.Contains("s3cret-pw", loaded.Secrets);
        Assert.DoesNotContain("s3cret-pw", Assert.Single(loaded.Checks).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UseTls_TcpTlsSmtpEachWithTcpEgress()
    {
        var plan = Assert.Single(Load(Complete).Checks).Plan();

        Assert.Equal(["tcp:mail.example:465", "tls:mail.example:465", "smtp:mail.example:465"], plan.Select(s => s.Name));
        Assert.Equal(["mail.example:465", "mail.example:465", "user mailer"], plan.Select(s => s.Info));
        Assert.All(plan, s => Assert.Equal(Egress.Tcp("mail.example", 465), s.Egress));
    }

    [Theory]
    [InlineData("use_tls: false")]
    [InlineData("starttls: true")]
    public void Plan_WithoutImplicitTls_TcpThenSmtp(string option)
    {
        var plan = Assert.Single(Load(Complete + "\n  " + option).Checks).Plan();

        Assert.Equal(["tcp:mail.example:465", "smtp:mail.example:465"], plan.Select(s => s.Name));
    }

    [Fact]
    public void Plan_Ipv6Literal_Bracketed()
    {
        var plan = Assert.Single(Load(Complete.Replace("mail.example", "'::1'", StringComparison.Ordinal)).Checks).Plan();

        Assert.Equal(["tcp:[::1]:465", "tls:[::1]:465", "smtp:[::1]:465"], plan.Select(s => s.Name));
    }

    [Fact]
    public async Task Run_DryRun_NamesSkipped()
    {
        var results = await CheckHarness.RunAsync(Complete, options: new RunOptions { DryRun = true });

        Assert.Equal(["tcp:mail.example:465", "tls:mail.example:465", "smtp:mail.example:465"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Skipped, r.Status));
    }

    [Theory]
    [InlineData("", false, false)]
    [InlineData("\n  verify_tls: false", false, false)]
    [InlineData("\n  verify_tls: true", true, false)]
    [InlineData("\n  starttls: true\n  verify_tls: true", true, true)]
    public void Load_VerifyTls_ReadForImplicitTlsAndStartTlsAndOffAsIn1x(string options, bool verifyTls, bool startTls)
    {
        var session = Assert.IsType<SmtpCheck>(Assert.Single(Load(Complete + options).Checks)).Session;

        Assert.Equal((verifyTls, startTls), (session.VerifyTls, session.StartTls));
    }

    [Fact]
    public void Load_VerifyTlsWithoutTls_ErrorAtVerifyTls()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Complete + "\n  use_tls: false\n  verify_tls: true"));

        Assert.Equal(
            "test.yaml:9:15: verify_tls: true needs use_tls: true or starttls: true (without TLS there is no certificate to verify)",
            Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("", "test.yaml:1:3")]
    [InlineData("\n  use_tls: true", "test.yaml:8:12")]
    [InlineData("\n  starttls: true", "test.yaml:8:13")]
    [InlineData("\n  starttls: true\n  verify_tls: false", "test.yaml:9:15")]
    public void Load_TlsNotVerified_WarnsThatThePasswordGoesToAnUnverifiedServer(string options, string position)
    {
        var warnings = Load(Complete + options).Warnings;

        Assert.Equal(
            $"{position}: smtp check sends its password over TLS without verifying the server (set verify_tls: true to verify it)",
            Assert.Single(warnings).ToString());
    }

    [Theory]
    [InlineData("\n  verify_tls: true")]
    [InlineData("\n  starttls: true\n  verify_tls: true")]
    [InlineData("\n  use_tls: false")]
    public void Load_TlsVerifiedOrNoTls_NoWarning(string options)
    {
        Assert.Empty(Load(Complete + options).Warnings);
    }

    [Fact]
    public void Load_UnknownOptionBeforeTheTlsWarning_WarningsInFileOrder()
    {
        var warnings = Load(Complete + "\n  verify: true\n  use_tls: true").Warnings;

        Assert.Equal(
            [
                "test.yaml:8:3: unknown option 'verify' for smtp check (ignored)",
                "test.yaml:9:12: smtp check sends its password over TLS without verifying the server (set verify_tls: true to verify it)",
            ],
            warnings.Select(w => w.ToString()));
    }

    private static string Without(string yaml, string option) =>
        string.Join('\n', yaml.Split('\n').Where(line => !line.TrimStart().StartsWith(option + ":", StringComparison.Ordinal)));

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);
}
