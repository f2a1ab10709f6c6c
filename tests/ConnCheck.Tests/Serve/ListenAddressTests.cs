using System.Net;
using ConnCheck.Serve;

namespace ConnCheck.Tests.Serve;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("0.0.0.0:19190", "0.0.0.0", 19190)]
    [InlineData("[::1]:9", "::1", 9)]
    [InlineData("[::]:65535", "::", 65535)]
    public void Parse_AddressAndPort_IsThatEndPoint(string text, string address, int port)
    {
        var endPoint = ListenAddress.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::1:9")]
    [InlineData("[::1]")]
    [InlineData("localhost:9")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:")]
    [InlineData(":9")]
    public void Parse_NotAddressAndPort_IsRefused(string text)
    {
        Assert.Null(ListenAddress.Parse(text, out var problem));
        Assert.Contains($"got '{text}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsLoopbackOutsideTheExporterRange()
    {
        Assert.Equal(IPAddress.Loopback, ListenAddress.Default.Address);
        Assert.False(ListenAddress.Default.Port is >= 9100 and <= 9999);
    }
}
