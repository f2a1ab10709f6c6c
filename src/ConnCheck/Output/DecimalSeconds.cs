using System.Globalization;

namespace ConnCheck.Output;

/// <summary>A duration in seconds as junit and nagios print it: fixed-point to the microsecond, never an exponent.</summary>
internal static class DecimalSeconds
{
    // The junit schema's times are xs:decimal, and Nagios' perfdata takes no other form either.
    public static string Of(TimeSpan duration) => duration.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}
