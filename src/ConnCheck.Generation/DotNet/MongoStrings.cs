using ConnCheck.Generation.Internal;
using MongoDB.Driver;

namespace ConnCheck.Generation.DotNet;

/// <summary><c>mongodb://</c> URLs, read with the driver's own <see cref="MongoUrl"/>: a mongodb check per host.</summary>
internal static class MongoStrings
{
    public static IEnumerable<GeneratedCheck> Make(ConnectionString source, ICollection<string> notes)
    {
        if (source.Text.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"{source.What}: a mongodb+srv:// URL takes its hosts from DNS SRV records; list the hosts in a mongodb:// URL to have them checked; no check");
            return [];
        }

        MongoUrl url;
        try
        {
            url = new MongoUrl(source.Text);
        }
        catch (Exception e) when (e is MongoConfigurationException or ArgumentException or FormatException)
        {
            notes.Add($"{source.What}: not a MongoDB URL ({e.Message}); no check");
            return [];
        }

        var checks = new List<GeneratedCheck>();
        foreach (var server in url.Servers)
        {
            if (server.Host.EndsWith(".sock", StringComparison.Ordinal) || server.Host.StartsWith('/'))
            {
                notes.Add($"{source.What}: a host is a Unix socket, which crosses no network; no check for it");
                continue;
            }

            if (!HostName.IsValid(server.Host))
            {
                notes.Add($"{source.What}: '{server.Host}' is not a host name or address; no check");
                return [];
            }

            var check = new GeneratedCheck("mongodb") { { "host", server.Host }, { "port", server.Port } };
            if (!string.IsNullOrEmpty(url.DatabaseName))
            {
                check.Add("database", url.DatabaseName);
            }

            // The check logs in only with both a user and a password, as the driver does with SCRAM.
            if (!string.IsNullOrEmpty(url.Username) && !string.IsNullOrEmpty(url.Password))
            {
                check.Add("username", url.Username);
                Secrets.AddPassword(check, url.Password, source.Key);
                if (!string.IsNullOrEmpty(url.AuthenticationSource))
                {
                    check.Add("auth_source", url.AuthenticationSource);
                }
            }

            checks.Add(check);
        }

        return checks;
    }
}
