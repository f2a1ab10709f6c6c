using ConnCheck.Checks;
using ConnCheck.Firewall;
using ConnCheck.Net;
using ConnCheck.Services;

namespace ConnCheck.Cli;

/// <summary>What the program takes from the machine, replaceable so tests run it in memory without the machine's DNS.</summary>
/// <param name="ProgramName">The name the program was invoked as (argv[0]); <c>conn-check-export-fw</c> runs export-fw, busybox style.</param>
/// <param name="Resolver">Name resolution for convert-fw.</param>
/// <param name="Fqdn">This host's name, export-fw's <c>from_host</c>.</param>
/// <param name="TypesSource">
/// The check types configuration files may use, when first asked for (<see cref="Types"/>): building the
/// table runs every check type's static constructor, which <c>--version</c> and <c>--help</c> need none of.
/// </param>
internal sealed record AppEnvironment(string? ProgramName, IHostResolver Resolver, IFqdnSource Fqdn, Func<CheckTypes> TypesSource)
{
    public static AppEnvironment System { get; } = new(null, SystemHostResolver.Instance, SystemFqdnSource.Instance, () => ServiceCheckTypes.Table);

    /// <summary>The check types configuration files may use.</summary>
    public CheckTypes Types => TypesSource();

    /// <summary>The environment variables configs reads settings with; null for the process's own.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>
    /// Whether SIGTERM and SIGINT end a run cleanly rather than the process (SPEC C6): the program's own
    /// run only, never one in memory, whose process and signals are the test host's.
    /// </summary>
    public bool HandlesSignals { get; init; }

    /// <summary>Whether standard error is a terminal, where --wait shows its progress line; never on a pipe or a file.</summary>
    public bool StderrIsTerminal { get; init; }
}
