using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>How many results of a run ended in each status.</summary>
internal sealed class ResultCounts
{
    public int Ok { get; private set; }

    public int Warning { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public int Total => Ok + Warning + Failed + Skipped;

    /// <summary>The run's exit status by its results alone: <see cref="ExitCode.Critical"/> when any failed, else <see cref="ExitCode.Warning"/> when any warned.</summary>
    public ExitCode ExitCode => Failed > 0 ? ExitCode.Critical : Warning > 0 ? ExitCode.Warning : ExitCode.Ok;

    public void Add(ResultStatus status)
    {
        switch (status)
        {
            case ResultStatus.Ok:
                Ok++;
                break;
            case ResultStatus.Warning:
                Warning++;
                break;
            case ResultStatus.Failed:
                Failed++;
                break;
            default:
                Skipped++;
                break;
        }
    }

    public int Of(ResultStatus status) => status switch
    {
        ResultStatus.Ok => Ok,
        ResultStatus.Warning => Warning,
        ResultStatus.Failed => Failed,
        _ => Skipped,
    };

    /// <summary>A copy that later results do not change.</summary>
    public ResultCounts Copy() => new() { Ok = Ok, Warning = Warning, Failed = Failed, Skipped = Skipped };
}
