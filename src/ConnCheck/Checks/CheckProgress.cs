using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ConnCheck.Checks;

/// <summary>
/// What one check has been doing, written by the code that connects and read by the runner: whether
/// a name lookup or a TCP connect is under way when the timeout fires (<see cref="TimeoutStage"/>),
/// what a driver was waiting for then (<see cref="DescribeTimeout"/>), and the server certificates its
/// TLS handshakes saw (C3); and the connection its tcp subcheck keeps for the step after it
/// (<see cref="KeepConnection"/>). Its subchecks run one after another, but TLS callbacks and drivers'
/// logs may report from other threads.
/// </summary>
/// <remarks>
/// A lookup or connect that the check's token cancels is never reported as ended: it was still under
/// way when the timeout fired, whenever the runner looks.
/// </remarks>
internal sealed class CheckProgress
{
    private const int Idle = 0;
    private const int Resolving = 1;
    private const int Connecting = 2;

    private readonly Lock _gate = new();
    private readonly List<ServerCertificate> _certificates = [];
    private int _step;
    private Socket? _socket;
    private Func<(FailureStage Stage, string Message)?>? _describeTimeout;
    private (Socket Socket, string Host, int Port)? _kept;
    private bool _ended;

    /// <summary>
    /// The stage a timeout firing now stops at: a name lookup under way is <see cref="FailureStage.Resolve"/>
    /// (the name did not resolve in time), a TCP connect <see cref="FailureStage.ConnectTimeout"/> (no answer,
    /// as behind a firewall that drops packets), anything after them <see cref="FailureStage.Timeout"/>.
    /// </summary>
    public FailureStage TimeoutStage => Volatile.Read(ref _step) switch
    {
        Resolving => FailureStage.Resolve,
        Connecting when !ConnectAnswered() => FailureStage.ConnectTimeout,
        _ => FailureStage.Timeout,
    };

    /// <summary>
    /// Lets the running subcheck say in its own words what it was waiting for, should its timeout fire:
    /// the runner then asks <paramref name="describe"/> and reports its stage and message instead of its
    /// own ("timed out after N s" at <see cref="TimeoutStage"/>); a null answer leaves the runner's. For
    /// drivers that know more than a lookup or a connect under way (which handshake or command was
    /// unanswered). Holds until the next subcheck starts; <paramref name="describe"/> may be called
    /// from another thread, after the subcheck has ended.
    /// </summary>
    public void DescribeTimeout(Func<(FailureStage Stage, string Message)?> describe) => Volatile.Write(ref _describeTimeout, describe);

    /// <summary>The running subcheck's own account of its timeout (see <see cref="DescribeTimeout"/>), or null.</summary>
    public (FailureStage Stage, string Message)? TimeoutFailure() => Volatile.Read(ref _describeTimeout)?.Invoke();

    /// <summary>A subcheck starts: what the one before said of its timeout no longer holds.</summary>
    public void SubcheckStarted() => Volatile.Write(ref _describeTimeout, null);

    public void ResolveStarted() => Volatile.Write(ref _step, Resolving);

    /// <summary>The lookup ended; a connect that started meanwhile is left as it is.</summary>
    public void ResolveEnded() => Interlocked.CompareExchange(ref _step, Idle, Resolving);

    /// <summary>A connect started, of <paramref name="socket"/> when the caller has it.</summary>
    public void ConnectStarted(Socket? socket = null)
    {
        Volatile.Write(ref _socket, socket);
        Volatile.Write(ref _step, Connecting);
    }

    public void ConnectEnded()
    {
        Volatile.Write(ref _step, Idle);
        Volatile.Write(ref _socket, null);
    }

    /// <summary>Records the leaf certificate a TLS handshake was offered, whether or not it was trusted.</summary>
    public void SawCertificate(X509Certificate certificate)
    {
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var seen = new ServerCertificate(leaf.Subject, new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), leaf.Thumbprint);
        lock (_gate)
        {
            if (!_certificates.Contains(seen))
            {
                _certificates.Add(seen);
            }
        }
    }

    /// <summary>
    /// Keeps the tcp subcheck's connection to <paramref name="host"/>:<paramref name="port"/> for the next
    /// step of the check (<see cref="TakeConnection"/>), so that the check opens one connection, not one
    /// to prove the port and another to use it. Closed at once if the check has already ended.
    /// </summary>
    public void KeepConnection(Socket socket, string host, int port)
    {
        lock (_gate)
        {
            if (!_ended && _kept is null)
            {
                _kept = (socket, host, port);
                return;
            }
        }

        socket.Dispose();
    }

    /// <summary>The connection kept by <see cref="KeepConnection"/> if it goes to <paramref name="host"/>:<paramref name="port"/>, now the caller's; else null.</summary>
    public Socket? TakeConnection(string host, int port)
    {
        lock (_gate)
        {
            if (_kept is not { } kept || kept.Port != port || !string.Equals(Names.Unbracketed(kept.Host), Names.Unbracketed(host), StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            _kept = null;
            return kept.Socket;
        }
    }

    /// <summary>The check has ended: a connection kept and not taken is closed, as is any kept from now on.</summary>
    public void Ended()
    {
        Socket? left;
        lock (_gate)
        {
            _ended = true;
            left = _kept?.Socket;
            _kept = null;
        }

        left?.Dispose();
    }

    // On a busy machine the kernel may have completed a connect that the code awaiting it has not yet
    // seen end: the socket says so, being writable (during SYN-SENT it is not; closed, it was cancelled).
    private bool ConnectAnswered()
    {
        var socket = Volatile.Read(ref _socket);
        if (socket is null)
        {
            return false;
        }

        try
        {
            return socket.Poll(0, SelectMode.SelectWrite) && !socket.Poll(0, SelectMode.SelectError);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            return false;
        }
    }

    /// <summary>The certificates seen since the last call, soonest to expire first; the runner takes them after each subcheck.</summary>
    public IReadOnlyList<ServerCertificate> TakeCertificates()
    {
        lock (_gate)
        {
            if (_certificates.Count == 0)
            {
                return [];
            }

            var taken = _certificates.OrderBy(c => c.NotAfter).ToArray();
            _certificates.Clear();
            return taken;
        }
    }
}
