using System.Text;
using ConnCheck;
using ConnCheck.Cli;

// Both asked before either is opened (see StandardStreams). Closed standard error only loses the messages.
var stdoutOpen = StandardStreams.IsOpen(StandardStreams.Output);
var stderr = StandardStreams.IsOpen(StandardStreams.Error) ? StandardStreams.OpenError() : TextWriter.Null;
if (!stdoutOpen)
{
    // Started with standard output closed (>&-): nowhere to print results, and Nagios UNKNOWN says so.
    await stderr.WriteLineAsync("conn-check: error: standard output is closed; redirect it to /dev/null to discard the output");
    return (int)ExitCode.Unknown;
}

// argv[0]: installed as conn-check-export-fw (a symlink), the program runs that command, busybox style.
var environment = AppEnvironment.System with { ProgramName = Environment.GetCommandLineArgs().FirstOrDefault(), HandlesSignals = true, StderrIsTerminal = !Console.IsErrorRedirected };

// One write per flush rather than per line, as Console.Out would: a run of thousands of checks printed
// thousands of write calls. The formats flush where a line must be seen at once (-U) and when they end.
// Flushed and disposed synchronously, as the formats flush: the console stream has no asynchronous
// write of its own, and its inherited one starts the thread pool (three threads) to print one line.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };

// Console.Out is this writer too. The console stream's first write takes a lock on Console.Out, which
// otherwise builds a writer of its own for it, looking the locale's character set up (1.5 % of the samples of a start).
Console.SetOut(stdout);
return await ConnCheckApp.RunAsync(args, stdout, stderr, environment, CancellationToken.None);
