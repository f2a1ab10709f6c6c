namespace ConnCheck.Tests.Output;

/// <summary>One performance data item of the plugin guidelines: <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>.</summary>
internal sealed record NagiosPerfdata(string Label, decimal Value, string Unit, string Warn, string Crit, decimal? Min, decimal? Max);
