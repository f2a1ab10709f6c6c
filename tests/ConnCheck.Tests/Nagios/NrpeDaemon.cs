using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Nagios;

/// <summary>
/// Debian's NRPE daemon (<c>nagios-nrpe-server</c>) on 127.0.0.1 with a configuration of its own,
/// run in the foreground as a child of the test process and killed with its children afterwards;
/// the system's nrpe, if any, is never touched. Its commands run a copy of the published binary
/// with the command line of the 1.x manual's tutorial, on YAML files the tests write into
/// <see cref="ConfigDirectory"/> before they query it with Debian's <c>check_nrpe</c>.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NrpeDaemon : IAsyncLifetime
{
    public const string NrpePath = "/usr/sbin/nrpe";
    public const string CheckNrpePath = "/usr/lib/nagios/plugins/check_nrpe";
    private const string Packages = "nagios-nrpe-server nagios-nrpe-plugin";
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

    // Readable and searchable by the nagios user that nrpe drops to; the test (root) writes.
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly string _root = Path.Combine("/tmp", $"conn-check-nrpe-{Guid.NewGuid():N}");
    private Process? _process;
    private Task<string>? _output;

    /// <summary>
    /// Where the NRPE commands read their YAML files: <c>ok.yaml</c>, <c>critical.yaml</c>, <c>invalid.yaml</c>,
    /// and for <c>--format nagios</c> <c>nagios-ok.yaml</c>, <c>nagios-warning.yaml</c>, <c>nagios-critical.yaml</c>.
    /// </summary>
    public string ConfigDirectory => Path.Combine(_root, "configs");

    /// <summary>The --tls-certs-path of the <c>--format nagios</c> commands; <see cref="WriteCa"/> puts a CA there.</summary>
    public string CaDirectory => Path.Combine(_root, "ca");

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(NrpePath) || !File.Exists(CheckNrpePath))
        {
            Assert.Fail($"NRPE is not installed ({NrpePath}, {CheckNrpePath}): apt-get install -y {Packages}");
        }

        var binary = ConnCheckBinary.Path;
        // /tmp rather than the user's temp directory, which may be private to its owner; every
        // directory on the way must be searchable by the nagios user.
        Directory.CreateDirectory(_root, Executable);
        Directory.CreateDirectory(ConfigDirectory, Executable);
        Directory.CreateDirectory(CaDirectory, Executable);
        Directory.CreateDirectory(Path.Combine(_root, "bin"), Executable);
        var copy = Path.Combine(_root, "bin", "conn-check");
        File.Copy(binary, copy);
        File.SetUnixFileMode(copy, Executable);

        Port = FreePort();
        var configuration = Path.Combine(_root, "nrpe.cfg");
        File.WriteAllText(configuration, Configuration(copy));
        File.SetUnixFileMode(configuration, Readable);

        // -f: foreground, so this process owns it and can stop it by PID; without -f it would
        // daemonize and leave a PID file to chase.
        var start = new ProcessStartInfo(NrpePath)
        {
            ArgumentList = { "-c", configuration, "-f" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start nrpe");
        _process.StandardInput.Close();
        var stdout = _process.StandardOutput.ReadToEndAsync();
        var stderr = _process.StandardError.ReadToEndAsync();
        _output = Task.WhenAll(stdout, stderr).ContinueWith(_ => stdout.Result + stderr.Result, TaskScheduler.Default);

        await WaitUntilReadyAsync();
    }

    /// <summary>Runs <c>check_nrpe -H 127.0.0.1 -p PORT -c <paramref name="command"/></c>, as a Nagios server would.</summary>
    internal Task<ProcessResult> CheckAsync(string command) =>
        ConnCheckBinary.RunProcessAsync(CheckNrpePath, ["-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "30", "-c", command], _root);

    /// <summary>Writes a YAML file the nrpe commands read, readable by the nagios user.</summary>
    public void WriteConfig(string name, string yaml)
    {
        var path = Path.Combine(ConfigDirectory, name);
        File.WriteAllText(path, yaml);
        File.SetUnixFileMode(path, Readable);
    }

    /// <summary>Writes a CA certificate (PEM) that the <c>--format nagios</c> commands trust, readable by the nagios user.</summary>
    public void WriteCa(string pem)
    {
        var path = Path.Combine(CaDirectory, "ca.pem");
        File.WriteAllText(path, pem);
        File.SetUnixFileMode(path, Readable);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }

    // The command definitions are the 1.x manual's (tutorial part 1, "Using conn-check with
    // Nagios"), one per expected state. TLS: Debian's nrpe and check_nrpe both default to
    // anonymous Diffie-Hellman over TLS 1.2+ with the cipher list "ALL:!MD5:@STRENGTH:@SECLEVEL=0",
    // so they agree with OpenSSL 3 without ssl_version, ssl_cipher_list or check_nrpe's -n; the
    // settings are left at those defaults on purpose, as a real deployment has them.
    // The conn_check_nagios_* commands use C1's nagios format, with a CA of the tests' own; the
    // nothing-selected one asks for a tag that no check has.
    private string Configuration(string binary)
    {
        var command = $"{binary} --max-timeout=10 --exclude-tags=no-nagios {ConfigDirectory}";
        var nagios = $"{binary} --max-timeout=10 --format nagios --tls-certs-path={CaDirectory}";
        // nrpe switches to nrpe_user/nrpe_group only when started as root; as anyone else it
        // would fail to, so it then runs as the test's own user.
        var user = Environment.IsPrivilegedProcess ? "nrpe_user=nagios\nnrpe_group=nagios\n" : "";
        return $"""
            server_address=127.0.0.1
            server_port={Port}
            allowed_hosts=127.0.0.1
            dont_blame_nrpe=0
            allow_bash_command_substitution=0
            {user}command_timeout=30
            connection_timeout=60
            debug=0
            disable_syslog=1
            command[conn_check]={command}/ok.yaml
            command[conn_check_critical]={command}/critical.yaml
            command[conn_check_unknown]={command}/invalid.yaml
            command[conn_check_unknown_stderr]={command}/invalid.yaml 2>&1
            command[conn_check_nagios_ok]={nagios} {ConfigDirectory}/nagios-ok.yaml
            command[conn_check_nagios_warning]={nagios} {ConfigDirectory}/nagios-warning.yaml
            command[conn_check_nagios_critical]={nagios} {ConfigDirectory}/nagios-critical.yaml
            command[conn_check_nagios_unknown]={nagios} --include-tags=none-such {ConfigDirectory}/nagios-ok.yaml

            """;
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        ProcessResult? last = null;
        while (clock.Elapsed < ReadyLimit)
        {
            if (_process!.HasExited)
            {
                Assert.Fail($"nrpe exited with {_process.ExitCode} at start: {await _output!}");
            }

            // Without -c, check_nrpe asks for the daemon's version: a full TLS exchange.
            last = await ConnCheckBinary.RunProcessAsync(CheckNrpePath, ["-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "5"], _root);
            if (last.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"nrpe did not answer check_nrpe within {ReadyLimit.TotalSeconds} s: {last}");
    }

    // The kernel hands out a free port; nrpe cannot bind port 0 and report it back.
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
