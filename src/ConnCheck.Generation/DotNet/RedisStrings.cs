using System.Net;
using ConnCheck.Generation.Internal;
using StackExchange.Redis;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// StackExchange.Redis configuration strings (<c>host:port,password=...,ssl=true</c>), read with its own
/// <see cref="ConfigurationOptions.Parse(string, bool)"/>: a check per endpoint. With <c>ssl</c> the
/// check is a TLS handshake, as the redis check speaks plain Redis.
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

            if (options.Ssl)
            {
                checks.Add(new GeneratedCheck("tls") { { "host", host }, { "port", port } });
                continue;
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

            checks.Add(check);
        }

        if (options.Ssl && checks.Count > 0)
        {
            notes.Add($"{source.What}: ssl=true: checked with a tls check (the TLS handshake) of each endpoint, as the redis check speaks plain Redis"
                + (string.IsNullOrEmpty(options.Password) ? "" : "; the password is not tried"));
        }

        return checks;
    }
}
