using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnCheck.TestPeers;

/// <summary>
/// A minimal HTTP/1.1 server: one request per connection, answered with the status (and Location)
/// that a function of the request chooses, with the body it chooses (none by default). It records every request it receives, headers
/// exactly as sent, so a test can prove what a client did or did not send.
/// </summary>
public sealed class HttpPeer : IAsyncDisposable
{
    private const int HeadLimit = 64 * 1024;
    private static readonly TimeSpan ConnectionLimit = TimeSpan.FromSeconds(10);

    private readonly Func<HttpPeerRequest, HttpPeerAnswer> _answer;
    private readonly ConcurrentQueue<HttpPeerRequest> _requests = new();
    private readonly AcceptLoop _loop;
    private int _accepted;

    private HttpPeer(Func<HttpPeerRequest, HttpPeerAnswer> answer, IPAddress? address, int port)
    {
        _answer = answer;
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary><c>http://ADDRESS:PORT</c>, without a trailing slash.</summary>
    public string Origin => $"http://{_loop.EndPoint}";

    /// <summary>How many connections it has accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<HttpPeerRequest> Requests => [.. _requests];

    /// <summary>Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).</summary>
    public static HttpPeer Start(Func<HttpPeerRequest, HttpPeerAnswer> answer, IPAddress? address = null, int port = 0) => new(answer, address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _accepted);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionLimit);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, limit.Token);
            if (read == 0 || received.Count > HeadLimit)
            {
                return;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var lines = Encoding.Latin1.GetString([.. received.Take(headEnd)]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => KeyValuePair.Create(p[0].Trim(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
        var length = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = received.Skip(headEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, limit.Token);
            if (read == 0)
            {
                return;
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        var request = new HttpPeerRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "", headers, Encoding.UTF8.GetString([.. body.Take(length)]));
        _requests.Enqueue(request);
        var answer = _answer(request);
        var location = answer.Location is null ? "" : $"Location: {answer.Location}\r\n";
        var contentType = answer.ContentType is null ? "" : $"Content-Type: {answer.ContentType}\r\n";
        var answerBody = answer.Body ?? [];
        await stream.WriteAsync(Encoding.Latin1.GetBytes($"HTTP/1.1 {answer.Status} Peer\r\n{location}{contentType}Content-Length: {answerBody.Length}\r\nConnection: close\r\n\r\n"), limit.Token);
        if (answer.TrickleEvery is { } interval)
        {
            for (var i = 0; i < answerBody.Length; i++)
            {
                await stream.WriteAsync(answerBody.AsMemory(i, 1), limit.Token);
                await Task.Delay(interval, limit.Token);
            }
        }
        else
        {
            await stream.WriteAsync(answerBody, limit.Token);
        }

        socket.Shutdown(SocketShutdown.Send);

        // Closing with unread client bytes would reset the connection and could lose the answer; wait for the client to close.
        while (await stream.ReadAsync(buffer, limit.Token) > 0)
        {
            // Discarded.
        }
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
