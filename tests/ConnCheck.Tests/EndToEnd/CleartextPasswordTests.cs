using ConnCheck.Tests.Services.Sql;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// The published binary refuses a database server's request for the password in cleartext, and sends
/// it when told to (Native AOT: Npgsql's Require Auth and the refusal inside MySqlConnector's log must
/// work trimmed).
/// </summary>
public sealed class CleartextPasswordTests
{
    private const string Password = "E2e-Cleartext-Canary-41d9";

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task Run_PeerAsksForCleartext_FailedLineSaysWhyAndThePasswordStaysHome(string type)
    {
        await using var peer = PasswordPeer.Start(type);
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", Check(type, peer.Port));

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Contains(
            $"{type}:127.0.0.1:{peer.Port} FAILED - (user app) the server asked for the password in cleartext over a connection whose "
                + "server is not verified; refused (set allow_cleartext_password: true, or sslmode: verify-full)",
            result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(1, peer.Asked);
        Assert.Empty(peer.Received);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task Run_AllowCleartextPassword_LoginOkAndThePeerHasIt(string type)
    {
        await using var peer = PasswordPeer.Start(type);
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", Check(type, peer.Port) + "  allow_cleartext_password: true\n");

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([Password], peer.Received);
    }

    private static string Check(string type, int port) => $"""
        - type: {type}
          host: 127.0.0.1
          port: {port}
          username: app
          password: {Password}
          database: orders

        """;
}
