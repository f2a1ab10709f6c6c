using ConnCheck.Checks;

namespace ConnCheck.Services;

/// <summary>The full table: the built-in check types plus those backed by a driver.</summary>
internal static class ServiceCheckTypes
{
    public static CheckTypes Table { get; } = CheckTypes.Builtin.With(
    [
    ]);
}
