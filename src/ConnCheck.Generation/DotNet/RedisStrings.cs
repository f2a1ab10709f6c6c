using System.Net;
using ConnCheck.Generation.Internal;
using StackExchange.Redis;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// StackExchange.Redis configuration strings (<c>host:port,password=...,ssl=true</c>), read with its own
/// <see cref="ConfigurationOptions.Parse(string, bool)"/>: a redis check per endpoint, with <c>use_tls</c>
/// (and <c>server_name</c> from <c>sslHost</c>) when <c>ssl</c> is true, the password tried either way.
/// </summary>
internal static class RedisStrings
{
    /// <param name="source">The connection string.</param>
    /// <param name="guessed">
    /// Whether the string was taken for Redis only because it is no <c>keyword=value</c> list: then one whose
    /// endpoints are no hosts (<c>this is not a connection string</c>) is noted as no connection string at all.
    /// </param>
    /// <param name="notes">Where what made no check is told.</param>
    public static IEnumerable<GeneratedCheck> Make(ConnectionString source, bool guessed, ICollection<string> notes)
    {
        var unknown = guessed
            ? $"{source.What}: not a connection string conn-check knows (keyword=value pairs, a URL, or Redis host:port endpoints); no check"
            : null;
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(source.Text, ignoreUnknown: true);
            options.SetDefaultPorts();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            notes.Add(unknown ?? $"{source.What}: not a StackExchange.Redis configuration ({e.Message}); no check");
            return [];
        }

        if (options.EndPoints.Count == 0)
        {
            notes.Add(unknown ?? $"{source.What}: no Redis endpoint; no check");
            return [];
        }

        var checks = new List<GeneratedCheck>();
        foreach (var endPoint in options.EndPoints)
        {
            var (host, port) = endPoint switch
            {
                DnsEndPoint dns => (dns.Host, dns.Port),
                IPEndPoint ip => (ip.Address.ToString(), ip.Port),
                _ => (null, 0),
            };
            if (host is null || host.StartsWith('/'))
            {
                notes.Add($"{source.What}: an endpoint is a Unix socket, which crosses no network; no check for it");
                continue;
            }

            if (!HostName.IsValid(host))
            {
                // One bad endpoint makes the whole string suspect: no check rather than a partial set.
                notes.Add(unknown ?? $"{source.What}: '{host}' is not a host name or address; no check");
                return [];
            }

            var check = new GeneratedCheck("redis") { { "host", host }, { "port", port } };
            if (!string.IsNullOrEmpty(options.Password))
            {
                if (!string.IsNullOrEmpty(options.User))
                {
                    check.Add("username", options.User);
                }

                Secrets.AddPassword(check, options.Password, source.Key);
            }

            if (options.Ssl)
            {
                check.Add("use_tls", true);

                // sslHost: the name the client asks for and verifies, when the endpoint is an address or another name.
                if (!string.IsNullOrEmpty(options.SslHost) && !options.SslHost.Equals(host, StringComparison.OrdinalIgnoreCase) && HostName.IsValid(options.SslHost))
                {
                    check.Add("server_name", options.SslHost);
                }
            }

            checks.Add(check);
        }

        return checks;
    }
}
