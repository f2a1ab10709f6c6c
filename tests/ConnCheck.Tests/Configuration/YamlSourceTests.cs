using System.Diagnostics;
using System.Text;
using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Configuration;

/// <summary>SPEC C6: a configuration file is read up to 64 MiB; a pipe is read as a stream, to its end.</summary>
public sealed class YamlSourceTests : IDisposable
{
    private const string OneCheck = "- {type: tcp, host: db.example.com, port: 5432}\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void LoadFile_FileLargerThanTheLimit_IsRefusedUnread()
    {
        var path = Path.Combine(_directory.Path, "huge.yaml");
        using (var file = File.Create(path))
        {
            // Sparse: the size is all that is looked at.
            file.SetLength(YamlSource.MaxBytes + 1L);
        }

        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));

        Assert.Equal($"{path}:1:1: cannot read configuration file: it is larger than 64 MiB, the most conn-check reads", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void LoadFile_EndlessDevice_IsRefusedAtTheLimit()
    {
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile("/dev/zero"));

        Assert.Equal("/dev/zero:1:1: cannot read configuration file: it is larger than 64 MiB, the most conn-check reads", Assert.Single(e.Errors).ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task LoadFile_Fifo_IsReadToItsEnd()
    {
        var path = MakeFifo();
        var writer = Task.Run(() => File.WriteAllText(path, OneCheck + OneCheck.Replace("5432", "5433", StringComparison.Ordinal)));

        var checks = ConfigurationLoader.LoadFile(path).Checks;
        await writer;

        Assert.Equal([5432, 5433], checks.Cast<TcpCheck>().Select(c => c.Port));
    }

    [Fact]
    public async Task LoadFile_FifoLongerThanTheLimit_IsRefusedAtTheLimit()
    {
        var path = MakeFifo();
        var writer = Task.Run(() =>
        {
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            try
            {
                using var fifo = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                for (var i = 0; i <= YamlSource.MaxBytes / spaces.Length; i++)
                {
                    fifo.Write(spaces);
                }
            }
            catch (IOException)
            {
                // The reader stopped at the limit and closed its end: the writer's broken pipe.
            }
        });

        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));
        await writer;

        Assert.EndsWith("cannot read configuration file: it is larger than 64 MiB, the most conn-check reads", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void LoadFile_ByteOrderMark_IsNotPartOfTheText()
    {
        var path = Path.Combine(_directory.Path, "bom.yaml");
        File.WriteAllText(path, OneCheck, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Single(ConfigurationLoader.LoadFile(path).Checks);
    }

    private string MakeFifo()
    {
        var path = Path.Combine(_directory.Path, "fifo.yaml");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
