using System.Net.Sockets;
using System.Text;
using ConnCheck.Tests.Services;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// The real servers that <c>scripts/test-servers.sh start</c> runs on loopback (Apache httpd, squid,
/// nginx), found through the <c>http/server.env</c> that <c>scripts/servers/http.sh</c> writes. A class fixture: when the servers
/// are not running, setting it up fails every test of the class with the command that starts them.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyDictionary<string, string> _values;

    public TestServers()
    {
        _values = TestServer.Settings("http");
    }

    public string CaDirectory => Value("CA_DIR");

    public int ApacheHttpPort => Port("APACHE_HTTP_PORT");

    public int ApacheHttpsPort => Port("APACHE_HTTPS_PORT");

    /// <summary>The certificate Apache's HTTPS port presents: 30 days, for localhost and 127.0.0.1, from the CA of <see cref="CaDirectory"/>.</summary>
    public string ApacheCertificate => Path.Combine(Value("STATE_DIR"), "pki", "server.pem");

    public int SquidPort => Port("SQUID_PORT");

    public int SquidAuthPort => Port("SQUID_AUTH_PORT");

    public int SquidTlsPort => Port("SQUID_TLS_PORT");

    /// <summary>nginx, which answers <c>/</c> with 200 and the body <c>ok\n</c>.</summary>
    public int NginxPort => Port("NGINX_PORT");

    /// <summary>Apache's HTTPS port that requires a client certificate of the test client CA (TLS 1.3 when offered).</summary>
    public int ApacheMutualTlsPort => Port("APACHE_MTLS_PORT");

    /// <summary>The same as <see cref="ApacheMutualTlsPort"/>, TLS 1.2 only.</summary>
    public int ApacheMutualTls12Port => Port("APACHE_MTLS12_PORT");

    /// <summary>A client certificate the mutual-TLS ports accept, and its key (plain, and encrypted with <see cref="ClientKeyPassphrase"/>).</summary>
    public string ClientCert => Value("CLIENT_CERT");

    public string ClientKey => Value("CLIENT_KEY");

    public string ClientKeyEncrypted => Value("CLIENT_KEY_ENCRYPTED");

    public string ClientKeyPassphrase => Value("CLIENT_KEY_PASSPHRASE");

    /// <summary>A client certificate of another CA, which the mutual-TLS ports refuse, and its key.</summary>
    public string OtherClientCert => Value("OTHER_CLIENT_CERT");

    public string OtherClientKey => Value("OTHER_CLIENT_KEY");

    public string BasicUser => Value("BASIC_USER");

    public string BasicPassword => Value("BASIC_PASSWORD");

    public string DigestUser => Value("DIGEST_USER");

    public string DigestPassword => Value("DIGEST_PASSWORD");

    public string ProxyUser => Value("PROXY_USER");

    public string ProxyPassword => Value("PROXY_PASSWORD");

    /// <summary>Fails unless every server accepts connections: a servers.env left by an earlier run proves nothing.</summary>
    public async Task InitializeAsync()
    {
        foreach (var (what, port) in new[] { ("Apache HTTP", ApacheHttpPort), ("Apache HTTPS", ApacheHttpsPort), ("squid", SquidPort), ("squid with auth", SquidAuthPort), ("squid TLS", SquidTlsPort) })
        {
            if (!await AnswersAsync(port))
            {
                throw NotRunning($"nothing accepts connections on 127.0.0.1:{port} ({what})");
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh token to find one test's request in the servers' logs.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N")[..16];

    /// <summary><c>http://127.0.0.1:18180</c> + <paramref name="pathAndQuery"/>.</summary>
    public string Http(string pathAndQuery) => $"http://127.0.0.1:{ApacheHttpPort}{pathAndQuery}";

    /// <summary><c>https://127.0.0.1:18543</c> + <paramref name="pathAndQuery"/>.</summary>
    public string Https(string pathAndQuery) => $"https://127.0.0.1:{ApacheHttpsPort}{pathAndQuery}";

    /// <summary>The path of the recording CGI for <paramref name="token"/>: <c>/cgi/record/TOKEN</c>.</summary>
    public string RecordPath(string token) => $"{Value("RECORD_PATH")}/{token}";

    public string BasicPath(string token) => $"{Value("BASIC_PATH")}/{token}";

    public string DigestPath(string token) => $"{Value("DIGEST_PATH")}/{token}";

    /// <summary>A path that Apache answers with a 302 to <see cref="RecordPath"/> of the same token.</summary>
    public string RedirectPath(string token) => $"{Value("REDIRECT_PATH")}/{token}";

    public string MissingPath => Value("MISSING_PATH");

    /// <summary>
    /// The requests the CGI recorded whose path holds <paramref name="token"/>. The CGI writes its line
    /// before it answers, so everything a finished check sent is already there.
    /// </summary>
    public IReadOnlyList<RecordedRequest> RequestsWith(string token) =>
        ReadLines(Value("APACHE_REQUEST_LOG"))
            .Select(RecordedRequest.Parse)
            .Where(r => r.Path.Contains(token, StringComparison.Ordinal))
            .ToList();

    /// <summary>The one request the CGI recorded for <paramref name="token"/>.</summary>
    public RecordedRequest RequestWith(string token) => Assert.Single(RequestsWith(token));

    /// <summary>
    /// Waits (at most a few seconds) for squid's access log to hold a line containing every one of
    /// <paramref name="parts"/>, and returns it. Squid logs a transaction when it ends, a moment after
    /// the client has its answer.
    /// </summary>
    public async Task<string> SquidLineAsync(params string[] parts)
    {
        var path = Value("SQUID_ACCESS_LOG");
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var line = ReadLines(path).FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
            if (line is not null)
            {
                return line;
            }

            if (TimeProvider.System.GetElapsedTime(started) > LogLimit)
            {
                Assert.Fail($"squid's access log {path} has no line with {string.Join(" and ", parts.Select(p => $"'{p}'"))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The lines of squid's access log that contain <paramref name="token"/>, as they are now.</summary>
    public IReadOnlyList<string> SquidLinesWith(string token) =>
        ReadLines(Value("SQUID_ACCESS_LOG")).Where(l => l.Contains(token, StringComparison.Ordinal)).ToList();

    private static List<string> ReadLines(string path)
    {
        // The servers keep appending while we read.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var limit = new CancellationTokenSource(ProbeLimit);
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port, limit.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static InvalidOperationException NotRunning(string reason) =>
        new($"The http test servers are not running ({reason}): run `bash scripts/test-servers.sh start` first.");

    private string Value(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw NotRunning($"http/server.env has no {key}; it was written by an older scripts/servers/http.sh");

    private int Port(string key) => int.Parse(Value(key), System.Globalization.CultureInfo.InvariantCulture);
}
