using System.Globalization;
using ConnCheck.Tests.Services;

namespace ConnCheck.Tests.Checks.Dns;

/// <summary>The dnsmasq that <c>scripts/servers/dnsmasq.sh</c> runs on 127.0.0.1, with its fixed records.</summary>
internal sealed class DnsTestServer
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("dnsmasq");

    public string Host => _settings["HOST"];

    public int Port => int.Parse(_settings["PORT"], CultureInfo.InvariantCulture);

    /// <summary><c>HOST:PORT</c>, as <c>server</c> and <c>--resolver</c> take it.</summary>
    public string Address => _settings["RESOLVER"];

    /// <summary>A record name from server.env (THREE, ONE, V6, ALIAS, MX, SRV, TXT, SERVFAIL, NXDOMAIN).</summary>
    public string this[string key] => _settings[key];
}
