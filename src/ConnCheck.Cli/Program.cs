using ConnCheck;
using ConnCheck.Cli;

// Both asked before either is opened (see StandardStreams). Closed standard error only loses the messages.
var stdoutOpen = StandardStreams.IsOpen(StandardStreams.Output);
var stderr = StandardStreams.IsOpen(StandardStreams.Error) ? Console.Error : TextWriter.Null;
if (!stdoutOpen)
{
    // Started with standard output closed (>&-): nowhere to print results, and Nagios UNKNOWN says so.
    await stderr.WriteLineAsync("conn-check: error: standard output is closed; redirect it to /dev/null to discard the output");
    return (int)ExitCode.Unknown;
}

// argv[0]: installed as conn-check-export-fw (a symlink), the program runs that command, busybox style.
var environment = AppEnvironment.System with { ProgramName = Environment.GetCommandLineArgs().FirstOrDefault(), HandlesSignals = true, StderrIsTerminal = !Console.IsErrorRedirected };
return await ConnCheckApp.RunAsync(args, Console.Out, stderr, environment, CancellationToken.None);
