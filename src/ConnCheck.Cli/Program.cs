using ConnCheck.Cli;

// argv[0]: installed as conn-check-export-fw (a symlink), the program runs that command, busybox style.
var environment = AppEnvironment.System with { ProgramName = Environment.GetCommandLineArgs().FirstOrDefault() };
return await ConnCheckApp.RunAsync(args, Console.Out, Console.Error, environment, CancellationToken.None);
