using ConnCheck.TestPeers;

if (args is not ["demo", var directory])
{
    Console.Error.WriteLine("usage: ConnCheck.TestPeers demo DIR");
    return 2;
}

return await DemoHost.RunAsync(directory);
