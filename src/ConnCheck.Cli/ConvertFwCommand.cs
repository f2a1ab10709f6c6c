using System.CommandLine;
using System.CommandLine.Help;
using System.Net;
using System.Text.RegularExpressions;
using ConnCheck.Configuration;
using ConnCheck.Firewall;
using ConnCheck.Net;

namespace ConnCheck.Cli;

/// <summary>
/// <c>conn-check convert-fw -t TYPE [--group GROUP] FILE [FILE ...]</c>: merges export files,
/// resolves their hosts and prints firewall commands or a rules file (SPEC A8).
/// Exit 1 for an unknown type, an unreadable file or a name that does not resolve (the rest is
/// still printed); 2 for other usage errors, as 1.x's argument parser did: the one command whose
/// statuses are not Nagios states, kept for the scripts that test them.
/// </summary>
internal static partial class ConvertFwCommand
{
    /// <summary>Its line in <c>conn-check --help</c>, and its help's description.</summary>
    public const string Summary = "Merges export-fw files and prints the firewall commands or rules file that allow their egress.";

    private const ExitCode Failed = (ExitCode)1;
    private const ExitCode Usage = (ExitCode)2;

    private static readonly Argument<string[]> Files = new("FILE") { Description = "Export files written by export-fw.", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string> Type = new("--type", "-t") { Description = $"Output type: {FirewallTargets.Described}.", HelpName = "TYPE" };
    private static readonly Option<string> Group = new("--group") { Description = "Security group id or name for aws, neutron and nova, quoted for the shell where needed; the default is for the shell to fill in.", HelpName = "GROUP", DefaultValueFactory = _ => FirewallFormatOptions.DefaultGroup };
    private static readonly Option<string> PodSelector = new("--pod-selector") { Description = "k8s: labels of the pods the policy applies to (default: every pod of the namespace).", HelpName = "KEY=VALUE[,KEY=VALUE]" };
    private static readonly Option<string> PolicyName = new("--name") { Description = "k8s: the NetworkPolicy's name.", HelpName = "NAME", DefaultValueFactory = _ => FirewallFormatOptions.DefaultPolicyName };
    private static readonly Option<IPEndPoint?> Resolver = CheckCommand.ResolverOption("Resolve the exports' host names through the DNS server at ADDR (an IP address; port 53 unless given; IPv6 as [::1]:PORT) instead of the system resolver: the addresses another network's resolver gives.");
    private static readonly Option<bool> UseNova = new("--use-nova") { Description = "Accepted for 1.x scripts; does nothing (use -t nova).", Hidden = true };
    private static readonly Option<bool> ShowVersion = new("--version") { Description = "Print the version and exit." };

    public static async Task<ExitCode> RunAsync(string name, string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var parsed = ConnCheckApp.Parse(Build(), name, args);
        if (parsed.GetValue(ShowVersion))
        {
            await stdout.WriteLineAsync($"conn-check {ConnCheckApp.Version}");
            return ExitCode.Ok;
        }

        if (parsed.Action is HelpAction)
        {
            return (ExitCode)await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
        }

        var labels = new List<KeyValuePair<string, string>>();
        if (FirstProblem(parsed, labels) is { } problem)
        {
            await stderr.WriteLineAsync($"usage: {name} -t TYPE [--group GROUP] FILE [FILE ...]");
            await WriteLineAsync(stderr, $"{name}: error: {problem}");
            return Usage;
        }

        var typeName = parsed.GetValue(Type)!;
        if (!FirewallTargets.TryFind(typeName, out var target))
        {
            await WriteLineAsync(stderr, $"{name}: error: invalid output type ({Printable.Escape(typeName)}); types: {FirewallTargets.Described}");
            return Failed;
        }

        // Read side by side: a fleet's exports are thousands of files, and parsing them is most of the work.
        var files = parsed.GetValue(Files)!;
        var reads = new (IReadOnlyList<EgressRule> Rules, ConfigurationException? Unreadable)[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            try
            {
                reads[i] = (ExportFileReader.ReadFile(files[i]), null);
            }
            catch (ConfigurationException e)
            {
                reads[i] = ([], e);
            }
        });

        var rules = new List<EgressRule>();
        var unreadable = false;
        foreach (var (read, failure) in reads)
        {
            rules.AddRange(read);
            if (failure is not null)
            {
                unreadable = true;
                foreach (var error in failure.Errors)
                {
                    await WriteLineAsync(stderr, error.ToString());
                }
            }
        }

        if (unreadable)
        {
            return Failed;
        }

        var options = new FirewallFormatOptions(parsed.GetValue(Group)!, parsed.GetValue(PolicyName)!, labels);
        var resolver = parsed.GetValue(Resolver) is { } server ? new DnsHostResolver(server) : environment.Resolver;
        var conversion = await FirewallConverter.ConvertAsync(rules, target.Formatter, options, resolver, cancellationToken);
        await stdout.WriteAsync(conversion.Output);
        foreach (var unresolved in conversion.Problems)
        {
            await WriteLineAsync(stderr, $"{name}: {unresolved}");
        }

        return conversion.Problems.Count > 0 ? Failed : ExitCode.Ok;
    }

    // Export files come from other hosts, and file names from a glob over them: nothing in a message may
    // move the terminal's cursor or forge a line. Values are quoted and shortened where they are echoed.
    private static Task WriteLineAsync(TextWriter stderr, string line) => stderr.WriteLineAsync(Printable.Escape(line, int.MaxValue));

    private static Command Build()
    {
        var command = ConnCheckApp.Root(Summary, ShowVersion);
        command.Arguments.Add(Files);
        foreach (var option in new Option[] { Type, Group, PodSelector, PolicyName, Resolver, UseNova, ShowVersion })
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static string? FirstProblem(ParseResult parsed, List<KeyValuePair<string, string>> labels)
    {
        if (ConnCheckApp.ParseError(parsed) is { } error)
        {
            return error;
        }

        // The parser takes an unknown option for a FILE; 1.x's refused it, and so do we (./-file names such a file).
        if (parsed.GetValue(Files)!.FirstOrDefault(f => f.Length > 1 && f[0] == '-') is { } unknown)
        {
            return $"unrecognized arguments: {Printable.Escape(unknown)}";
        }

        if (string.IsNullOrWhiteSpace(parsed.GetValue(Type)))
        {
            return "the following arguments are required: -t/--type";
        }

        if (SecurityGroupWord.Problem(parsed.GetValue(Group)!) is { } group)
        {
            return $"argument --group: the security group id or name {group}";
        }

        if (!KubernetesName().IsMatch(parsed.GetValue(PolicyName)!))
        {
            return $"argument --name: {Printable.Quote(parsed.GetValue(PolicyName)!)} is not a Kubernetes object name (lowercase letters, digits, '-' and '.')";
        }

        foreach (var pair in (parsed.GetValue(PodSelector) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = equals > 0 ? pair[..equals].Trim() : "";
            if (key.Length == 0 || labels.Any(l => l.Key == key))
            {
                return $"argument --pod-selector: expected KEY=VALUE pairs separated by commas, each KEY once, got {Printable.Quote(pair)}";
            }

            labels.Add(new(key, pair[(equals + 1)..].Trim()));
        }

        return null;
    }

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex KubernetesName();
}
