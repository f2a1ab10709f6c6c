using ConnCheck.Checks;
using ConnCheck.Configuration.Yaml;
using ConnCheck.Running;

namespace ConnCheck.Configuration;

/// <summary>
/// Loads a conn-check YAML file: a list of mappings, each with a <c>type</c> and that type's options.
/// YamlDotNet parses it (its reflection deserializer does not work under Native AOT); <see cref="YamlTreeReader"/>
/// builds the nodes, with their positions, within fixed limits.
/// </summary>
internal static class ConfigurationLoader
{
    /// <summary>Loads <paramref name="path"/>, or throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static LoadedConfiguration LoadFile(string path, EnvironmentExpander? environment = null, CheckTypes? types = null)
    {
        using var text = YamlSource.Open(path, "configuration file");
        return Load(text, path, environment, types);
    }

    /// <summary>Loads configuration text; <paramref name="file"/> names it in messages.</summary>
    public static LoadedConfiguration Load(string text, string file, EnvironmentExpander? environment = null, CheckTypes? types = null) =>
        Load(new StringReader(text), file, environment, types);

    /// <summary>Loads configuration text; <paramref name="file"/> names it in messages.</summary>
    public static LoadedConfiguration Load(TextReader text, string file, EnvironmentExpander? environment = null, CheckTypes? types = null)
    {
        var load = new LoadContext(file, environment ?? EnvironmentExpander.FromProcess, types ?? CheckTypes.Builtin);
        var yaml = new YamlTreeReader(text, file);

        var checks = new List<CheckDefinition>();
        if (yaml.NextDocument())
        {
            // Checks are read one at a time as the file is parsed: a long file is never held as a whole tree.
            ReadChecks(yaml, load, checks);
            if (yaml.NextDocument())
            {
                // The problems of the first document, if any, wait until the file is one document.
                load.Errors.Clear();
                load.Errors.Add(new(yaml.Position, "expected one YAML document, found several"));
            }
        }

        if (load.Errors.Count > 0)
        {
            // Options are read in the order the code asks for them; people fix a file from the top. One key rather
            // than OrderBy(line).ThenBy(column): ThenBy is a generic virtual method, whose first call in a Native AOT
            // binary starts the runtime's type loader (a millisecond of every run's start-up).
            throw new ConfigurationException(load.Errors.OrderBy(e => (e.Position.Line, e.Position.Column)).ToList(), secrets: load.Secrets);
        }

        // A check's own warnings come from its parser, its unknown options after it: listed from the top, as errors are.
        var warnings = load.Warnings.OrderBy(w => (w.Position.Line, w.Position.Column)).ToList();
        return new LoadedConfiguration(checks, warnings, load.Secrets);
    }

    private static void ReadChecks(YamlTreeReader yaml, LoadContext load, List<CheckDefinition> checks)
    {
        if (!yaml.AtSequence)
        {
            var root = yaml.ReadNode();
            if (!YamlSource.IsNull(root))
            {
                load.Errors.Add(new(load.PositionOf(root), $"the configuration must be a list of checks, found {OptionReader.Describe(root)}"));
            }

            return;
        }

        foreach (var item in yaml.ReadItems())
        {
            if (item is not YamlMappingNode mapping)
            {
                load.Errors.Add(new(load.PositionOf(item), $"each check must be a mapping with a 'type', found {OptionReader.Describe(item)}"));
                continue;
            }

            if (ReadCheck(mapping, load) is { } check)
            {
                checks.Add(check);
            }
        }
    }

    private static CheckDefinition? ReadCheck(YamlMappingNode mapping, LoadContext load)
    {
        var typeNode = mapping.Find("type");
        if (typeNode is null)
        {
            load.Errors.Add(new(load.PositionOf(mapping), "check has no 'type'"));
            return null;
        }

        if (typeNode is not YamlScalarNode { Value: { } typeName } || typeName.Trim().Length == 0)
        {
            load.Errors.Add(new(load.PositionOf(typeNode), $"type must be a check type name, found {OptionReader.Describe(typeNode)}"));
            return null;
        }

        if (!load.Types.TryFind(typeName, out var type))
        {
            load.Errors.Add(new(load.PositionOf(typeNode), $"unknown check type {Printable.Quote(typeName.Trim())} (known types: {string.Join(", ", load.Types.Names)})"));
            return null;
        }

        var options = new OptionReader(mapping, type.Name, load);
        var common = new CheckCommon(type.Name, options.StringList("tags"), options.Seconds("timeout"), options.Position)
        {
            Label = options.String("name") is { Length: > 0 } label ? label : null,
            CertificateWarningDays = options.Integer("cert_warning_days", 0, CertificateLimits.MaxDays),
            CertificateCriticalDays = options.Integer("cert_critical_days", 0, CertificateLimits.MaxDays),
            IpVersion = IpVersion(options),
            AllAddresses = AllAddresses(options),
        };
        var check = type.Parse(options, common);
        foreach (var (name, position, meant) in options.UnusedOptions())
        {
            var unknown = $"unknown option {Printable.Quote(name)} for {type.Name} check (ignored)";
            load.Warnings.Add(meant is null
                ? new(position, unknown)
                : new(position, $"{unknown}; did you mean {Printable.Quote(meant)}?") { EveryRun = true });
        }

        return options.HasErrors ? null : check;
    }

    private static bool AllAddresses(OptionReader options)
    {
        if (options.String("addresses") is not { } written)
        {
            return false;
        }

        if (written.Trim() == "all")
        {
            return true;
        }

        options.Error("addresses", $"addresses must be 'all', not {Printable.Quote(written)}");
        return false;
    }

    private static int? IpVersion(OptionReader options)
    {
        if (options.String("ip_version") is not { } written)
        {
            return null;
        }

        if (written.Trim() is "4" or "6")
        {
            return written.Trim() == "4" ? 4 : 6;
        }

        options.Error("ip_version", $"ip_version must be 4 or 6, not {Printable.Quote(written)}");
        return null;
    }
}
