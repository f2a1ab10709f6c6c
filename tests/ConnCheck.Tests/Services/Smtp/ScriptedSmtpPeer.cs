using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnCheck.Tests.Services.Smtp;

/// <summary>
/// A plain-text SMTP server on 127.0.0.1 that answers each command line from a script: for the
/// replies Exim cannot be made to give cheaply (a refused greeting, a dropped line). It records
/// every command line it receives.
/// </summary>
internal sealed class ScriptedSmtpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _commands = [];
    private readonly string _greeting;
    private readonly Func<string, string?> _answer;
    private readonly Task _serving;

    /// <param name="greeting">The first reply (<c>220 ready</c>), or null to close at once.</param>
    /// <param name="answer">The reply to a command line (CRLFs between lines of a multi-line reply), or null to close the connection.</param>
    public ScriptedSmtpPeer(string greeting, Func<string, string?> answer)
    {
        _greeting = greeting;
        _answer = answer;
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The command lines received so far, without CRLF.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The usual replies of a server that offers AUTH PLAIN on a plain connection and takes any mail.</summary>
    public static string? Accepting(string command) => Verb(command) switch
    {
        "EHLO" => "250-peer.test\r\n250-AUTH PLAIN\r\n250 8BITMIME",
        "HELO" => "250 peer.test",
        "AUTH" => "235 2.7.0 Authentication succeeded",
        "MAIL" or "RCPT" or "RSET" => "250 OK",
        "DATA" => "354 go ahead",
        "QUIT" => "221 bye",
        _ => "500 unknown command",
    };

    public static string Verb(string command) => command.Split(' ', 2)[0].ToUpperInvariant();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        // One connection at a time is all a check opens.
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            try
            {
                await ConverseAsync(client.GetStream(), _stop.Token);
            }
            catch (IOException)
            {
                // The check closed its end.
            }
        }
    }

    private async Task ConverseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        await using var writer = new StreamWriter(stream, Encoding.ASCII, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync(_greeting.AsMemory(), cancellationToken);
        var inData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (inData)
            {
                // The message itself; its end, a lone dot, is answered like a command.
                if (line != ".")
                {
                    continue;
                }

                inData = false;
                await writer.WriteLineAsync("250 queued".AsMemory(), cancellationToken);
                continue;
            }

            lock (_commands)
            {
                _commands.Add(line);
            }

            var reply = _answer(line);
            if (reply is null)
            {
                return;
            }

            await writer.WriteLineAsync(reply.AsMemory(), cancellationToken);
            inData = reply.StartsWith("354", StringComparison.Ordinal);
            if (Verb(line) == "QUIT")
            {
                return;
            }
        }
    }
}
