using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// A PostgreSQL cluster of a test's own, in a temporary directory on a free loopback port: created
/// (initdb) at once, started only when the test says so. The superuser <c>postgres</c> logs in over TCP
/// with <see cref="Password"/> (SCRAM). Run as the postgres user when the tests run as root, since
/// initdb and the server refuse root. Stopped by the PID it recorded, and removed, when disposed.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string SystemUser = "postgres";

    private readonly string _directory;
    private readonly string _data;
    private readonly string _bin;

    private ThrowawayPostgres(string directory, string bin, int port)
    {
        _directory = directory;
        _data = Path.Combine(directory, "data");
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string Password { get; } = $"Wait-{Guid.NewGuid():N}";

    /// <summary>The postmaster's PID, once started.</summary>
    public int? Pid { get; private set; }

    /// <summary>Creates the cluster; fails the test when PostgreSQL is not installed.</summary>
    public static async Task<ThrowawayPostgres> CreateAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            Assert.Fail("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql");
        }

        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"conn-check-pg-{Guid.NewGuid():N}")).FullName;
        // The postgres user must reach the data directory inside.
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var postgres = new ThrowawayPostgres(directory, bin, FreePort());
        await postgres.InitAsync();
        return postgres;
    }

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_data} -c fsync=off -c shared_buffers=16MB -c max_connections=20";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "30", "-o", options, "start"]);
        Pid = int.Parse(File.ReadLines(Path.Combine(_data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (Pid is { } pid)
        {
            // SIGINT: PostgreSQL's fast shutdown, which ends its children too. The pid file goes when the server has gone.
            _ = Kill(pid, SigInt);

            var watch = Stopwatch.StartNew();
            while (File.Exists(Path.Combine(_data, "postmaster.pid")) && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary directory; nothing depends on it.
        }
    }

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task InitAsync()
    {
        Directory.CreateDirectory(_data);
        var passwordFile = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        if (IsRoot)
        {
            await RunAsync("chown", [$"{SystemUser}:{SystemUser}", _data, passwordFile], asRoot: true);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "-N"]);
        File.Delete(passwordFile);
    }

    private async Task RunAsync(string program, IEnumerable<string> arguments, bool asRoot = false)
    {
        IEnumerable<string> command = IsRoot && !asRoot ? ["-u", SystemUser, "--", program, .. arguments] : arguments;
        var result = await ConnCheckBinary.RunProcessAsync(IsRoot && !asRoot ? "runuser" : program, command, _directory, killAfter: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && !result.Killed, $"{program} failed:\n{result}");
    }
}
