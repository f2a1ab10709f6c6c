using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Smtp;

/// <summary>The SMTP conversation itself, against a scripted peer: what is sent, in which order, and the words of each refusal.</summary>
public sealed class SmtpSessionTests
{
    [Fact]
    public async Task Run_SendFalse_MailRcptRsetQuitAndNoData()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", ScriptedSmtpPeer.Accepting);

        var results = await CheckHarness.RunAsync(Check(peer.Port, "send: false"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(["EHLO", "AUTH", "MAIL", "RCPT", "RSET", "QUIT"], peer.Commands.Select(ScriptedSmtpPeer.Verb));
        Assert.Equal("MAIL FROM:<a@example.test>", peer.Commands[2]);
        Assert.Equal("RCPT TO:<b@example.test>", peer.Commands[3]);
    }

    [Fact]
    public async Task Run_SendFalseWithoutFrom_NullSender()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", ScriptedSmtpPeer.Accepting);

        await CheckHarness.RunAsync(Check(peer.Port, "send: false").Replace("  from_address: a@example.test\n", "", StringComparison.Ordinal));

        Assert.Equal("MAIL FROM:<>", peer.Commands[2]);
    }

    [Fact]
    public async Task Run_SendFalseWithoutRecipient_AuthThenQuit()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", ScriptedSmtpPeer.Accepting);

        var results = await CheckHarness.RunAsync(Check(peer.Port, "send: false").Replace("  to_address: b@example.test\n", "", StringComparison.Ordinal));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(["EHLO", "AUTH", "QUIT"], peer.Commands.Select(ScriptedSmtpPeer.Verb));
    }

    [Fact]
    public async Task Run_Send_MailRcptDataQuit()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", ScriptedSmtpPeer.Accepting);

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(["EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"], peer.Commands.Select(ScriptedSmtpPeer.Verb));
    }

    [Fact]
    public async Task Run_GreetingRefused_TheServersReply()
    {
        await using var peer = new ScriptedSmtpPeer("554 no service here", ScriptedSmtpPeer.Accepting);

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        Assert.Equal(ResultStatus.Failed, results[1].Status);
        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("the server refused the session: 554 no service here", results[1].Message);
    }

    [Fact]
    public async Task Run_ConnectionDroppedAtEhlo_ClosedDuringTheGreeting()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", _ => null);

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("the server closed the connection during the greeting", results[1].Message);
    }

    [Fact]
    public async Task Run_ConnectionDroppedAtAuth_ClosedDuringAuth()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) == "AUTH" ? null : ScriptedSmtpPeer.Accepting(command));

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("the server closed the connection during AUTH", results[1].Message);
    }

    [Fact]
    public async Task Run_EhloAndHeloRefusedWithFallback_BothReplies()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) switch
        {
            "EHLO" => "502 no EHLO",
            "HELO" => "502 no HELO either",
            _ => ScriptedSmtpPeer.Accepting(command),
        });

        var results = await CheckHarness.RunAsync(Check(peer.Port, "helo_fallback: true"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("EHLO and HELO refused: 502 no EHLO; 502 no HELO either", results[1].Message);
    }

    [Fact]
    public async Task Run_HeloFallback_NoAuthAttempted()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) == "EHLO" ? "500 what is EHLO" : ScriptedSmtpPeer.Accepting(command));

        var results = await CheckHarness.RunAsync(Check(peer.Port, "helo_fallback: true"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(["EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT"], peer.Commands.Select(ScriptedSmtpPeer.Verb));
    }

    [Fact]
    public async Task Run_MultiLineRefusal_OneLine()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) == "RCPT"
            ? "550-5.1.1 no such user\r\n550 5.1.1 try another"
            : ScriptedSmtpPeer.Accepting(command));

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("recipient rejected: b@example.test (550 5.1.1 no such user 5.1.1 try another)", results[1].Message);
    }

    [Fact]
    public async Task Run_NoCommonAuthMechanism_SaysWhatTheServerOffers()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) == "EHLO"
            ? "250-peer.test\r\n250 AUTH X-PRIVATE"
            : ScriptedSmtpPeer.Accepting(command));

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("no AUTH mechanism in common with the server (it offers X-PRIVATE)", results[1].Message);
    }

    [Fact]
    public async Task Run_QuitUnanswered_StillOk()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) == "QUIT" ? null : ScriptedSmtpPeer.Accepting(command));

        var results = await CheckHarness.RunAsync(Check(peer.Port));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_RsetRefused_Failed()
    {
        await using var peer = new ScriptedSmtpPeer("220 peer.test ready", command => ScriptedSmtpPeer.Verb(command) == "RSET" ? "502 RSET not implemented" : ScriptedSmtpPeer.Accepting(command));

        var results = await CheckHarness.RunAsync(Check(peer.Port, "send: false"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("RSET refused: 502 RSET not implemented", results[1].Message);
    }

    private static string Check(int port, params string[] extra) =>
        string.Join(
            "\n",
            [
                "- type: smtp",
                "  host: 127.0.0.1",
                $"  port: {port}",
                "  username: someone",
                "  password: secret-pw",
                "  from_address: a@example.test",
                "  to_address: b@example.test",
                "  use_tls: false",
                "  timeout: 5",
                .. extra.Select(line => "  " + line),
                "",
            ]);
}
