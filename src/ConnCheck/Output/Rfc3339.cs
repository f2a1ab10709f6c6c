using System.Globalization;

namespace ConnCheck.Output;

/// <summary>Times as the structured formats print them: RFC 3339 in UTC, <c>2024-05-01T12:00:00.25Z</c>.</summary>
internal static class Rfc3339
{
    /// <summary>The time in UTC to the millisecond, without a fraction when it has none.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
