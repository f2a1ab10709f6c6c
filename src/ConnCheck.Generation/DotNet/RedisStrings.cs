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
    public static IEnumerable<GeneratedCheck> Make(ConnectionString source, ICollection<string> notes)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(source.Text, ignoreUnknown: true);
            options.SetDefaultPorts();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            notes.Add($"{source.What}: not a StackExchange.Redis configuration ({e.Message}); no check");
            return [];
        }

        if (options.EndPoints.Count == 0)
        {
            notes.Add($"{source.What}: no Redis endpoint; no check");
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
            if (host is null)
            {
                // A Unix socket endpoint: nothing that crosses the network.
                continue;
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

        return checks;
    }
}
