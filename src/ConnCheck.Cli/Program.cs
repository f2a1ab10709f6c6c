using ConnCheck.Cli;

return await ConnCheckApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
