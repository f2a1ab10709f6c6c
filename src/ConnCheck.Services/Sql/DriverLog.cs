using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnCheck.Services.Sql;

/// <summary>
/// One category of a driver's log, read and never written: it tells what the driver's exceptions
/// leave out, such as when its TCP connect starts and ends (a check timeout in between is a
/// connect-timeout) or the socket error behind a connect it gave up on. Each event of
/// <paramref name="category"/> goes to <paramref name="read"/> as the driver logs it, before the driver
/// goes on, so that <paramref name="read"/> may also stop the driver there by throwing; other categories
/// are not logged at all.
/// </summary>
internal sealed class DriverLog(string category, Action<DriverLogEvent> read) : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, category, StringComparison.Ordinal) ? this : NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("a driver log has no providers");

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        read(new DriverLogEvent(eventId, exception, state as IReadOnlyList<KeyValuePair<string, object?>>));

    public void Dispose()
    {
    }
}
