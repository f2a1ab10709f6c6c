using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Serve;

/// <summary>
/// Clients that are slow or hostile on purpose (SPEC C5, C6): a header sent a byte a second, 10,000
/// idle connections. Scrapes are answered all the while, and serve's memory stays bounded.
/// </summary>
[Collection(nameof(WallClockCollection))]
public sealed class ServeHostileClientTests : TcpPeerServeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Serve_HeadersTrickledAByteASecond_ScrapesAnsweredMeanwhileAndTheTrickleDropped()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();
        var endPoint = new IPEndPoint(IPAddress.Loopback, serve.Client.BaseAddress!.Port);
        var request = Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + new string('a', 100));

        var trickles = Enumerable.Range(0, 10).Select(_ => TrickleAsync(endPoint, request)).ToList();
        var scrapes = 0;
        while (!trickles.All(t => t.IsCompleted))
        {
            using var scrape = await serve.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            scrapes++;
            await Task.Delay(200);
        }

        // Kestrel's request headers timeout is 5 s: each trickler is cut off with a 408 well before it is done.
        Assert.All(await Task.WhenAll(trickles), sent => Assert.InRange(sent, 1, 12));
        Assert.True(scrapes > 5, $"{scrapes} scrapes");
    }

    [Fact]
    public async Task Serve_TenThousandIdleConnections_ScrapesAnsweredAndMemoryBounded()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();
        var endPoint = new IPEndPoint(IPAddress.Loopback, serve.Client.BaseAddress!.Port);
        var before = ResidentKiB(serve.Process.Id);

        var idle = new List<Socket>();
        try
        {
            // In batches, so that the listen queue never overflows (an overflowed SYN waits a second to be sent again).
            for (var batch = 0; batch < 20; batch++)
            {
                idle.AddRange(await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    using var connectBound = new CancellationTokenSource(Bound);
                    await socket.ConnectAsync(endPoint, connectBound.Token);
                    return socket;
                })));
            }

            // A fresh connection, as the next scrape makes.
            using var client = new HttpClient { BaseAddress = serve.Client.BaseAddress, Timeout = Bound };
            using var scrape = await client.GetAsync("/metrics");
            var during = ResidentKiB(serve.Process.Id);

            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Equal(10_000, idle.Count(s => s.Connected));
            Assert.True(during - before < 100 * 1024, $"serve grew from {before} KiB to {during} KiB with 10,000 idle connections");
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Sends <paramref name="request"/> a byte a second until the server stops it; how many bytes it took.</summary>
    private static async Task<int> TrickleAsync(IPEndPoint endPoint, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var bound = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(endPoint, bound.Token);
        var reply = socket.ReceiveAsync(new byte[1024], SocketFlags.None, bound.Token).AsTask();
        for (var sent = 0; sent < request.Length; sent++)
        {
            if (reply.IsCompleted)
            {
                return sent;
            }

            try
            {
                await socket.SendAsync(request.AsMemory(sent, 1), SocketFlags.None, bound.Token);
            }
            catch (SocketException)
            {
                return sent + 1;
            }

            await Task.WhenAny(reply, Task.Delay(TimeSpan.FromSeconds(1), bound.Token));
        }

        return request.Length;
    }

    private static long ResidentKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
