using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Output;

public sealed class WaitProgressLineTests
{
    private static readonly WaitProgress ThreeFailing = new(
        3, 5, ["tcp:db:5432", "redis:cache:6379", "http:https://api/"], "password authentication failed for hunter22", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8.25));

    [Fact]
    public void Text_ThreeFailing_NamesTwoCountsTheRestAndMasksTheReason()
    {
        var text = WaitProgressLine.Text(ThreeFailing, new Redactor(["hunter22"]));

        Assert.Equal(
            "conn-check: waiting: 3 of 5 checks failing (tcp:db:5432, redis:cache:6379 and 1 more): password authentication failed for ***; next try in 1.5 s, 8.3 s left",
            text);
    }

    [Fact]
    public void Text_OneCheck_SaysCheck()
    {
        var progress = new WaitProgress(1, 1, ["tcp:db:5432"], "Connection refused", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(9));

        Assert.Equal(
            "conn-check: waiting: 1 of 1 check failing (tcp:db:5432): Connection refused; next try in 1 s, 9 s left",
            WaitProgressLine.Text(progress, Redactor.None));
    }

    [Fact]
    public void Text_NoTryLeftBeforeTheBound_SaysWhenItGivesUp()
    {
        var progress = new WaitProgress(1, 1, ["tcp:db:5432"], "Connection refused", TimeSpan.FromSeconds(0.7), TimeSpan.FromSeconds(0.7));

        Assert.EndsWith("Connection refused; giving up in 0.7 s", WaitProgressLine.Text(progress, Redactor.None), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Twice_RewritesOneLineCutToTheWidthAndClearRemovesIt()
    {
        var stderr = new StringWriter();
        var line = new WaitProgressLine(stderr, new Redactor(["hunter22"]), 40);

        line.Report(ThreeFailing);
        line.Report(ThreeFailing with { Failing = 2 });
        line.Clear();

        Assert.Equal(
            "\r\u001b[Kconn-check: waiting: 3 of 5 checks fail\r\u001b[Kconn-check: waiting: 2 of 5 checks fail\r\u001b[K",
            stderr.ToString());
        Assert.DoesNotContain('\n', stderr.ToString());
    }

    [Fact]
    public void Clear_NothingShown_WritesNothing()
    {
        var stderr = new StringWriter();

        new WaitProgressLine(stderr, Redactor.None, 80).Clear();

        Assert.Equal("", stderr.ToString());
    }
}
