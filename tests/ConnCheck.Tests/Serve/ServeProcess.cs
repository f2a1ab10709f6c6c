using System.Diagnostics;
using System.Runtime.InteropServices;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Serve;

/// <summary><c>conn-check serve</c> as a real process on a free port, and an HTTP client for it.</summary>
internal sealed class ServeProcess : IDisposable
{
    private const string ListeningPrefix = "conn-check serve: listening on ";

    private ServeProcess(RunningProcess process, Uri address)
    {
        Process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public RunningProcess Process { get; }

    public HttpClient Client { get; }

    /// <summary>Starts serve on 127.0.0.1, port 0, with <paramref name="arguments"/>, and waits for the line that names its address.</summary>
    public static Task<ServeProcess> StartAsync(string workingDirectory, params string[] arguments) =>
        StartOnAsync("127.0.0.1:0", workingDirectory, arguments);

    /// <summary>Starts serve listening on <paramref name="listen"/>, and waits for the line that names its address.</summary>
    public static Task<ServeProcess> StartOnAsync(string listen, string workingDirectory, params string[] arguments) =>
        StartOnAsync(listen, workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Starts serve listening on <paramref name="listen"/> with <paramref name="environment"/> added, and waits for the line that names its address.</summary>
    public static async Task<ServeProcess> StartOnAsync(string listen, string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var process = RunningProcess.Start(workingDirectory, ["serve", "--listen", listen, .. arguments], environment);
        var watch = Stopwatch.StartNew();
        string? line;
        while ((line = process.ErrorLines.FirstOrDefault(l => l.StartsWith(ListeningPrefix, StringComparison.Ordinal))) is null)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                process.Dispose();
                Assert.Fail($"serve did not say where it listens; stderr:\n{string.Join("\n", process.ErrorLines)}");
            }

            await Task.Delay(10);
        }

        return new ServeProcess(process, new Uri(line[ListeningPrefix.Length..]));
    }

    /// <summary>Asks <paramref name="path"/> until it answers <paramref name="status"/>; fails the test after <paramref name="bound"/>.</summary>
    public async Task<HttpResponseMessage> WaitForAsync(string path, System.Net.HttpStatusCode status, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await Client.GetAsync(path);
            if (response.StatusCode == status)
            {
                return response;
            }

            if (watch.Elapsed > bound)
            {
                Assert.Fail($"{path} answered {(int)response.StatusCode}, not {(int)status}, for {bound.TotalSeconds} s; stderr:\n{string.Join("\n", Process.ErrorLines)}");
            }

            response.Dispose();
            await Task.Delay(50);
        }
    }

    public void Signal(PosixSignal signal) => Process.Signal(signal);

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }
}
