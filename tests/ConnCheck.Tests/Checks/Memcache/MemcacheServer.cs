using System.Globalization;
using ConnCheck.Tests.Services;

namespace ConnCheck.Tests.Checks.Memcache;

/// <summary>The memcached that <c>scripts/servers/memcached.sh</c> runs on 127.0.0.1.</summary>
internal sealed class MemcacheServer
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("memcached");

    public string Host => _settings["HOST"];

    public int Port => int.Parse(_settings["PORT"], CultureInfo.InvariantCulture);
}
