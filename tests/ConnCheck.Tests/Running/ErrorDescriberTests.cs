using System.Net.Sockets;
using System.Security.Authentication;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

public sealed class ErrorDescriberTests
{
    [Theory]
    [InlineData("Connection refused", "Connection refused")]
    [InlineData("first line\nsecond line", "first line")]
    [InlineData("first line\r\nsecond line", "first line")]
    [InlineData("  padded  \nmore", "padded")]
    [InlineData("", "failed")]
    [InlineData("   ", "failed")]
    [InlineData("\nonly on the second line", "failed")]
    public void Describe_Message_GivesItsFirstLine(string message, string expected)
    {
        Assert.Equal(expected, ErrorDescriber.Describe(new CheckFailedException(FailureStage.Protocol, message)));
        Assert.Equal(expected, ErrorDescriber.Describe(new InvalidOperationException(message)));
    }

    [Fact]
    public void Describe_SocketError_UsesTheWordsPeopleKnow()
    {
        Assert.Equal("Connection refused", ErrorDescriber.Describe(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.Equal("Host unreachable", ErrorDescriber.Describe(new SocketException((int)SocketError.HostUnreachable)));
    }

    [Fact]
    public void Describe_IOExceptionAroundASocketError_UsesTheSocketError()
    {
        var error = new IOException("Unable to read data from the transport connection.", new SocketException((int)SocketError.ConnectionReset));

        Assert.Equal("Connection reset by peer", ErrorDescriber.Describe(error));
    }

    [Fact]
    public void Describe_AuthenticationException_SaysTheTlsHandshakeFailed()
    {
        var error = new AuthenticationException("The remote certificate is invalid.\nDetails follow");

        Assert.Equal("TLS handshake failed: The remote certificate is invalid.", ErrorDescriber.Describe(error));
    }

    [Fact]
    public void StageOf_CheckFailedException_TheChecksOwnStage()
    {
        Assert.Equal(FailureStage.Auth, ErrorDescriber.StageOf(new CheckFailedException(FailureStage.Auth, "authentication failed")));
    }

    // The fallback, for an error no check classified: a guess from its type, never a failure without a stage.
    [Theory]
    [InlineData(SocketError.ConnectionRefused, "Connect")]
    [InlineData(SocketError.HostUnreachable, "Connect")]
    [InlineData(SocketError.TimedOut, "ConnectTimeout")]
    [InlineData(SocketError.HostNotFound, "Resolve")]
    [InlineData(SocketError.TryAgain, "Resolve")]
    public void StageOf_UnclassifiedSocketError_TheStageOfItsCode(SocketError code, string stage)
    {
        Assert.Equal(Enum.Parse<FailureStage>(stage), ErrorDescriber.StageOf(new SocketException((int)code)));
    }

    [Fact]
    public void StageOf_UnclassifiedAuthenticationException_Tls()
    {
        Assert.Equal(FailureStage.Tls, ErrorDescriber.StageOf(new AuthenticationException("The remote certificate is invalid.")));
    }

    [Fact]
    public void StageOf_AnyOtherUnclassifiedError_Protocol()
    {
        Assert.Equal(FailureStage.Protocol, ErrorDescriber.StageOf(new InvalidOperationException("unexpected")));
    }
}
